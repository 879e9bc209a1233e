package cn.qifu.problem;

import cn.qifu.testsupport.OnH2;

@OnH2
class ProblemApiOnH2Test extends ProblemApiContract {
}
