package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qifu.QifuApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Outside the demo profile, no default password may guard the system. */
class ProductionStartTest {

    @Test
    void refusesToStartWithoutAnAdministratorPassword() {
        assertThatThrownBy(() -> start("prod", "jdbc:h2:mem:nopassword", "camunda.bpm.admin-user.password="))
                .hasStackTraceContaining("QIFU_ADMIN_PASSWORD").hasStackTraceContaining("未设置");
    }

    @Test
    void refusesToStartWithADefaultPassword() {
        for (String password : new String[] {"demo", "admin", "Camunda", "123456", "admin-password-equal"}) {
            assertThatThrownBy(() -> start("prod", "jdbc:h2:mem:weak", "camunda.bpm.admin-user.id=admin-password-equal",
                    "camunda.bpm.admin-user.password=" + password))
                    .as(password).hasStackTraceContaining("QIFU_ADMIN_PASSWORD");
        }
        assertThatThrownBy(() -> start("mysql", "jdbc:h2:mem:weak2", "camunda.bpm.admin-user.password=short"))
                .hasStackTraceContaining("少于 8 位");
    }

    @Test
    void weaknessNamesTheReason() {
        assertThat(ProductionPasswordGuard.weakness("admin", null)).contains("未设置");
        assertThat(ProductionPasswordGuard.weakness("admin", "admin")).contains("默认");
        assertThat(ProductionPasswordGuard.weakness("zhangsan", "zhangsan")).contains("默认");
        assertThat(ProductionPasswordGuard.weakness("admin", "Xq7#pL2!vR")).isNull();
    }

    /**
     * The H2 file keeps its data across a restart; and a production start on a database that still holds the demo
     * accounts (whose password the README prints) refuses to go on.
     */
    @Test
    void dataSurvivesARestartAndProductionRefusesLeftoverDemoAccounts() {
        String url = "jdbc:h2:file:" + Path.of("target", "test-h2", "restart" + System.nanoTime(), "qifu").toAbsolutePath();
        try (ConfigurableApplicationContext demo = start("demo", url)) {
            assertThat(demo.getBean(ProcessEngine.class).getIdentityService().checkPassword("frontdesk1", "demo")).isTrue();
        }
        assertThatThrownBy(() -> start("prod", url, "camunda.bpm.admin-user.password=Xq7#pL2!vR-strong"))
                .hasStackTraceContaining("演示密码").hasStackTraceContaining("frontdesk1");
    }

    /** Starts the application as a command line would: the arguments win over application.yml. */
    private static ConfigurableApplicationContext start(String profile, String url, String... properties) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=" + profile, "--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--camunda.bpm.database.type=h2", "--spring.flyway.placeholders.table_options=",
                "--camunda.bpm.job-execution.enabled=false"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(QifuApplication.class).run(args.toArray(String[]::new));
    }
}
