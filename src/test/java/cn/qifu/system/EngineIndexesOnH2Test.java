package cn.qifu.system;

import cn.qifu.testsupport.OnH2;

@OnH2
class EngineIndexesOnH2Test extends EngineIndexesContract {
}
