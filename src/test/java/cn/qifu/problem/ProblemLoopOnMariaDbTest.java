package cn.qifu.problem;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class ProblemLoopOnMariaDbTest extends ProblemLoopContract {
}
