package cn.qifu.supervision.figures;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class FiguresOnMariaDbTest extends FiguresContract {
}
