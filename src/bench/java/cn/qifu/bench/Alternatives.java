package cn.qifu.bench;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

/**
 * The other engines and the database's own limit, written beside this suite (packages bare, flowable, limit): called
 * by reflection, so the suite runs and says so while one of them is missing.
 */
public final class Alternatives {

    public static final String FLOWABLE = "cn.qifu.bench.flowable.FlowableLoopBenchmark";
    public static final String BARE_CAMUNDA = "cn.qifu.bench.bare.BareCamundaLoopBenchmark";
    public static final String COMMIT_RATE = "cn.qifu.bench.limit.CommitRateBenchmark";

    /** Their step names (the clerks' words) to the suite's. */
    public static final Map<String, String> STEP_NAMES = Map.of("提出", "submit", "受理", "accept", "交办", "assign",
            "签收", "sign", "办理", "handle", "审核", "review");

    private Alternatives() {
    }

    public static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public static LoopRun loop(String className, String jdbcUrl, String user, String password, int clients, int instances) {
        try {
            Method run = Class.forName(className).getMethod("run", String.class, String.class, String.class, int.class,
                    int.class);
            return (LoopRun) run.invoke(null, jdbcUrl, user, password, clients, instances);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    public static cn.qifu.bench.limit.CommitRate commitRate(String jdbcUrl, String user, String password,
                                                            int statementsPerTransaction, int threads, Duration duration) {
        try {
            Method run = Class.forName(COMMIT_RATE).getMethod("run", String.class, String.class, String.class, int.class,
                    int.class, Duration.class);
            return (cn.qifu.bench.limit.CommitRate) run.invoke(null, jdbcUrl, user, password, statementsPerTransaction,
                    threads, duration);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(COMMIT_RATE + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }
}
