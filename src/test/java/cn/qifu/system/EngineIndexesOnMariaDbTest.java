package cn.qifu.system;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class EngineIndexesOnMariaDbTest extends EngineIndexesContract {
}
