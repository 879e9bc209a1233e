package cn.qifu.problem;

import cn.qifu.testsupport.OnH2;

@OnH2
class ProblemLoopOnH2Test extends ProblemLoopContract {
}
