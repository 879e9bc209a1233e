package cn.qifu.scenario;

import cn.qifu.testsupport.OnH2;

@OnH2
class ScenarioOnH2Test extends ScenarioContract {
}
