package cn.qifu.bench;

import cn.qifu.QifuApplication;
import cn.qifu.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started inside the benchmark's JVM (profiles mysql and demo: the demo accounts and the department
 * simulator) on a database of its own, in one {@link Variant}. One at a time: Camunda's REST layer finds its engine in
 * a JVM-wide registry.
 */
public final class App implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String jdbcUrl;
    private final String database;
    private final Variant variant;
    private final double startSeconds;

    private App(ConfigurableApplicationContext context, String jdbcUrl, String database, Variant variant, double startSeconds) {
        this.context = context;
        this.jdbcUrl = jdbcUrl;
        this.database = database;
        this.variant = variant;
        this.startSeconds = startSeconds;
    }

    /** A fresh database {@code qifu_bench_<name>} and the application on it. */
    public static App startFresh(String name, Variant variant, Map<String, String> extra) {
        String database = "qifu_bench_" + name;
        return start(MariaDbServer.freshDatabase(database), database, variant, extra);
    }

    /** The application on an existing database (one a previous App left, or a copy). */
    public static App start(String jdbcUrl, String database, Variant variant, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(baseProperties(jdbcUrl));
        properties.putAll(variant.properties());
        properties.putAll(extra);
        // as command-line arguments: above the profiles' files, as an operator's --key=value would be
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        long t = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QifuApplication.class)
                .profiles("mysql", "demo")
                .initializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(StatementCounter.postProcessor()))
                .run(args);
        double seconds = (System.nanoTime() - t) / 1e9;
        App app = new App(context, jdbcUrl, database, variant, seconds);
        if (variant == Variant.DEFAULTS) {
            Indexes.drop(app);
        }
        return app;
    }

    /** What every run of the benchmark sets, whatever the variant: where the database is, and a quiet log. */
    public static Map<String, String> baseProperties(String jdbcUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", MariaDbServer.USER);
        p.put("spring.datasource.password", MariaDbServer.PASSWORD);
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        // the log sender writes a line per notification: thousands of lines in a burst, on the console of the table
        p.put("logging.level.qifu.notifications", "warn");
        p.put("logging.level.root", "warn");
        p.put("logging.level.cn.qifu", "warn");
        // one benchmark client stands for the many channel systems of a county (each limited to 20 writes/s on its own)
        p.put("qifu.api.rate-limit.requests-per-second", "100000");
        p.put("qifu.api.rate-limit.burst", "100000");
        // -Dbench.app.<property>=<value> reaches every application the suite starts (e.g. a log level while tuning)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.app."))
                .forEach(k -> p.put(k.substring("bench.app.".length()), System.getProperty(k)));
        return p;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ProcessEngine engine() {
        return bean(ProcessEngine.class);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String database() {
        return database;
    }

    public Variant variant() {
        return variant;
    }

    public double startSeconds() {
        return startSeconds;
    }

    /** A plain connection to the application's database, outside its pool (for the benchmark's own SQL). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
    }

    public void sql(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
