package cn.qifu.testsupport;

import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points an application context at its test database; one database per kind, shared by every class on it. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** An H2 file database under target/, new for every test run, as the embedded default uses one under ./data. */
    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static final String URL = "jdbc:h2:file:" + Path.of("target", "test-h2", "run" + System.currentTimeMillis(), "qifu")
                .toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("spring.datasource.url=" + URL).applyTo(context);
        }
    }

    /** The real MariaDB (see {@link MariaDbServer}), through MySQL Connector/J and the mysql profile. */
    public static final class MariaDb implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        private static String url;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            synchronized (MariaDb.class) {
                if (url == null) {
                    // QIFU_TEST_DB lets two builds share one server without dropping each other's database
                    url = MariaDbServer.freshDatabase(System.getenv().getOrDefault("QIFU_TEST_DB", "qifu_test"));
                }
            }
            TestPropertyValues.of(
                    "spring.datasource.url=" + url,
                    "spring.datasource.username=" + MariaDbServer.USER,
                    "spring.datasource.password=" + MariaDbServer.PASSWORD).applyTo(context);
        }
    }
}
