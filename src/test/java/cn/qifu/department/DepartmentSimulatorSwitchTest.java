package cn.qifu.department;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.department.simulator.DepartmentSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The open simulator exists only when qifu.simulator.enabled=true (demo profile, tests), never by default. */
class DepartmentSimulatorSwitchTest {

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
            .withUserConfiguration(DepartmentSimulator.class);

    @Test
    void withoutThePropertyThereIsNoSimulator() {
        context.run(started -> assertThat(started).doesNotHaveBean(DepartmentSimulator.class));
        context.withPropertyValues("qifu.simulator.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(DepartmentSimulator.class));
    }

    @Test
    void enabledItIsThere() {
        context.withPropertyValues("qifu.simulator.enabled=true")
                .run(started -> assertThat(started).hasSingleBean(DepartmentSimulator.class));
    }
}
