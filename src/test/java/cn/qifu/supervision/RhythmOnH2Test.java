package cn.qifu.supervision;

import cn.qifu.testsupport.OnH2;

@OnH2
class RhythmOnH2Test extends RhythmContract {
}
