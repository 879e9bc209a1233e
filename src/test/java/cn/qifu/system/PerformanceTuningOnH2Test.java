package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.OnH2;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The running engine decides with the FEEL shortcut in front of Camunda's FEEL engine, and decides right. */
@OnH2
class PerformanceTuningOnH2Test {

    @Autowired
    ProcessEngine engine;

    @Test
    void theDesignersTablesAreEvaluatedThroughTheShortcut() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(FeelLiteralShortcut.class);
        Map<String, Object> limit = engine.getDecisionService().evaluateDecisionTableByKey("problemTimeLimit",
                Variables.createVariables().putValue("problemClass", "SINGLE")).getSingleResult().getEntryMap();
        assertThat(limit).containsEntry("timeLimitDays", 3);
    }
}
