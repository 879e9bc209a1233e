package cn.qifu.bench.flowable;

import cn.qifu.bench.LoopRun;
import cn.qifu.bench.bare.BenchDataSource;
import cn.qifu.bench.bare.LoopClients;
import cn.qifu.bench.bare.LoopEngine;
import cn.qifu.bench.bare.QuietLogs;
import cn.qifu.bench.limit.CpuTime;
import cn.qifu.bench.limit.Meter;
import cn.qifu.bench.limit.StatementCounter;
import cn.qifu.testsupport.MariaDbServer;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * The loop-shaped process on a bare Flowable 7 engine, set up like {@link cn.qifu.bench.bare.BareCamundaLoopBenchmark}:
 * the engine alone, async executor off, same pool, same ids, same clients. The IDM engine and the event registry,
 * which the process does not use, are off.
 */
public final class FlowableLoopBenchmark implements LoopEngine {

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;
    private final boolean keepsHistory;

    private FlowableLoopBenchmark(String jdbcUrl, String user, String password, int clients, String historyLevel) {
        QuietLogs.unlessConfigured();
        dataSource = BenchDataSource.forClients(jdbcUrl, user, password, clients);
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setEngineName("bench-flowable-" + System.nanoTime());
        config.setDataSource(dataSource);
        config.setDatabaseType("mysql");
        config.setDatabaseSchemaUpdate(AbstractEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setAsyncExecutorActivate(false);
        config.setHistoryLevel(HistoryLevel.getHistoryLevelForKey(historyLevel));
        config.setIdGenerator(new StrongUuidGenerator());
        config.setDisableIdmEngine(true);
        config.setDisableEventRegistry(true);
        engine = config.buildProcessEngine();
        keepsHistory = !"none".equals(historyLevel);
        engine.getRepositoryService().createDeployment().addClasspathResource(RESOURCE).deploy();
    }

    /** Full history. */
    public static LoopRun run(String jdbcUrl, String user, String password, int clients, int instances) {
        return run(jdbcUrl, user, password, clients, instances, "full");
    }

    /** @param historyLevel full, audit, activity or none; {@code meters} see the measured part only */
    public static LoopRun run(String jdbcUrl, String user, String password, int clients, int instances,
                              String historyLevel, Meter... meters) {
        try (FlowableLoopBenchmark engine = new FlowableLoopBenchmark(jdbcUrl, user, password, clients, historyLevel)) {
            return LoopClients.run("Flowable 7.2.0 (bare, " + historyLevel + " history)", engine, clients, instances,
                    meters);
        }
    }

    @Override
    public String start(String user, String businessKey, Map<String, Object> variables) {
        engine.getIdentityService().setAuthenticatedUserId(user);
        try {
            return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, businessKey, variables).getId();
        } finally {
            engine.getIdentityService().setAuthenticatedUserId(null);
        }
    }

    @Override
    public String completeTask(String user, String instanceId, Map<String, Object> variables) {
        engine.getIdentityService().setAuthenticatedUserId(user);
        try {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult();
            engine.getTaskService().claim(task.getId(), user);
            // with 4 clients Flowable's complete meets InnoDB deadlocks now and then on MariaDB; an application would
            // try again, as the database asks ("try restarting transaction")
            for (int attempt = 1; ; attempt++) {
                try {
                    engine.getTaskService().complete(task.getId(), variables);
                    break;
                } catch (RuntimeException e) {
                    if (attempt >= 5 || !deadlock(e)) {
                        throw e;
                    }
                    DEADLOCKS_RETRIED.increment();
                }
            }
            return task.getTaskDefinitionKey();
        } finally {
            engine.getIdentityService().setAuthenticatedUserId(null);
        }
    }

    /** Transactions Flowable repeated after a deadlock, over all runs of this JVM. */
    public static final java.util.concurrent.atomic.LongAdder DEADLOCKS_RETRIED = new java.util.concurrent.atomic.LongAdder();

    private static boolean deadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkAllFinished(int started) {
        long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .count();
        long finished = keepsHistory
                ? engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                        .finished().count()
                : started;
        if (running != 0 || finished != started) {
            throw new IllegalStateException(started + " started, " + running + " running, " + finished + " finished");
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            dataSource.close();
        }
    }

    /**
     * {@code [history levels, comma-separated (full,activity)] [instances (500)]}: 1 and 2 clients for each level,
     * with the JVM's CPU time and the statements it sent per instance, and the server-wide count beside it (the same
     * on a quiet server).
     */
    public static void main(String[] args) {
        String[] levels = (args.length > 0 ? args[0] : "full,activity").split(",");
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        for (String level : levels) {
            for (int clients = 1; clients <= 2; clients++) {
                String url = MariaDbServer.freshDatabase("qifu_bench_flowable");
                StatementCounter sent = StatementCounter.sentFromThisJvm();
                StatementCounter server = StatementCounter.serverWide(url, MariaDbServer.USER, MariaDbServer.PASSWORD);
                CpuTime cpu = new CpuTime();
                LoopRun run = run(StatementCounter.countingUrl(url), MariaDbServer.USER, MariaDbServer.PASSWORD,
                        clients, instances, level, sent, server, cpu);
                System.out.print(LoopClients.describe(run));
                System.out.printf("  JVM CPU per instance: %.1f ms%n", cpu.millisPer(instances));
                System.out.println("  sent per instance:   " + sent.counts().perUnit(instances));
                System.out.println("  server per instance: " + server.counts().perUnit(instances));
            }
        }
    }
}
