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

/** The whole application, with its web server on a random port, on an H2 file database and the demo profile. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QifuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // tests fire timers themselves, after moving the engine clock
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("demo")
// the process test coverage report (target/process-test-coverage/) of every test on this database
@Import(ProcessEngineCoverageConfiguration.class)
@ContextConfiguration(initializers = TestDatabases.H2.class)
public @interface OnH2 {
}
