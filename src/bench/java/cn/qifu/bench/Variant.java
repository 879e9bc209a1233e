package cn.qifu.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two configurations every figure is measured with: the application's own (its application*.yml, the tuning
 * explained in {@code cn.qifu.system.PerformanceTuning}), and Camunda's, Spring Boot's and Hikari's defaults put back
 * for everything that tuning changes ({@code bench-camunda-defaults}).
 */
public enum Variant {

    TUNED("tuned"),
    DEFAULTS("Camunda defaults");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Spring properties that put this variant in place on top of the application's configuration. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (this == DEFAULTS) {
            // the history level the project had before (full), and the engine's defaults for everything tuned
            p.put("camunda.bpm.history-level", "full");
            p.put("camunda.bpm.authorization.authorization-check-revokes", "auto");
            // the job executor of the Spring Boot starter, as it comes
            p.put("camunda.bpm.job-execution.core-pool-size", "3");
            p.put("camunda.bpm.job-execution.max-pool-size", "10");
            p.put("camunda.bpm.job-execution.queue-capacity", "3");
            p.put("camunda.bpm.job-execution.max-jobs-per-acquisition", "3");
            p.put("camunda.bpm.job-execution.wait-time-in-millis", "5000");
            p.put("camunda.bpm.job-execution.max-wait", "60000");
            p.put("camunda.bpm.job-execution.lock-time-in-millis", "300000");
            p.put("camunda.bpm.job-execution.backoff-time-in-millis", "0");
            p.put("camunda.bpm.job-execution.max-backoff", "0");
            p.put("camunda.bpm.job-execution.wait-increase-factor", "2");
            // Camunda's tables as they come (system.EngineIndexes)
            p.put("qifu.performance.engine-indexes", "false");
            p.put("qifu.performance.tasklist-query", "false");
            p.put("qifu.performance.few-groups", "false");
            p.put("qifu.performance.grant-check", "false");
            p.put("qifu.performance.feel-shortcut", "false");
            p.put("qifu.performance.ognl-getters", "false");
            p.put("qifu.performance.task-look-ups", "false");
            p.put("qifu.performance.new-task-grants", "false");
            // Camunda's REST API checks a Basic login at every request
            p.put("qifu.identity.basic-login-ttl", "0s");
            // Hikari's pool and Connector/J's own defaults
            p.put("spring.datasource.hikari.maximum-pool-size", "10");
            for (String option : DriverOptions.TUNED.keySet()) {
                p.put("spring.datasource.hikari.data-source-properties." + option, DriverOptions.DEFAULTS.get(option));
            }
            for (Map.Entry<String, String> e : EngineOptions.DEFAULTS.entrySet()) {
                p.put("camunda.bpm.generic-properties.properties." + e.getKey(), e.getValue());
            }
        }
        return p;
    }

    /** The Connector/J options the mysql profile sets, and the driver's own defaults for them. */
    static final class DriverOptions {
        static final Map<String, String> TUNED = new LinkedHashMap<>();
        static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

        static {
            option("cachePrepStmts", "true", "false");
            option("prepStmtCacheSize", "500", "25");
            option("prepStmtCacheSqlLimit", "4096", "256");
            option("useServerPrepStmts", "false", "false");
            option("rewriteBatchedStatements", "true", "false");
            option("useLocalSessionState", "true", "false");
            option("elideSetAutoCommits", "true", "false");
            option("cacheServerConfiguration", "true", "false");
            option("cacheResultSetMetadata", "true", "false");
            option("maintainTimeStats", "false", "true");
            option("readOnlyPropagatesToServer", "false", "true");
        }

        private static void option(String name, String tuned, String driverDefault) {
            TUNED.put(name, tuned);
            DEFAULTS.put(name, driverDefault);
        }
    }

    /** Engine properties the application sets (camunda.bpm.generic-properties), and the engine's defaults. */
    static final class EngineOptions {
        static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

        static {
            DEFAULTS.put("historyRemovalTimeStrategy", "end");
            DEFAULTS.put("historyCleanupStrategy", "removalTimeBased");
            DEFAULTS.put("jobExecutorAcquireExclusiveOverProcessHierarchies", "false");
            DEFAULTS.put("taskMetricsEnabled", "true");
        }
    }
}
