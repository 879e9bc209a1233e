package cn.qifu.testsupport;

import cn.qifu.QifuApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The whole application on the real MariaDB through the mysql profile (Connector/J), with the demo profile. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QifuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // tests fire timers themselves, after moving the engine clock
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"mysql", "demo"})
// the process test coverage report (target/process-test-coverage/) of every test on this database
@Import(ProcessEngineCoverageConfiguration.class)
@ContextConfiguration(initializers = TestDatabases.MariaDb.class)
public @interface OnMariaDb {
}
