package cn.qifu.supervision.figures;

import cn.qifu.testsupport.OnH2;

@OnH2
class FiguresOnH2Test extends FiguresContract {
}
