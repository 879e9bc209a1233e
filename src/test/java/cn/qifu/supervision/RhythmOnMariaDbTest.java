package cn.qifu.supervision;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class RhythmOnMariaDbTest extends RhythmContract {
}
