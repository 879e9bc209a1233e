package cn.qifu.foundation;

import cn.qifu.testsupport.OnH2;

@OnH2
class FoundationOnH2Test extends FoundationContract {
}
