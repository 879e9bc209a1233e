package cn.qifu.scenario;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class ScenarioOnMariaDbTest extends ScenarioContract {
}
