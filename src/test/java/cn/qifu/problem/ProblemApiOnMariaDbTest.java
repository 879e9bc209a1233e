package cn.qifu.problem;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class ProblemApiOnMariaDbTest extends ProblemApiContract {
}
