package cn.qifu.bench.bare;

import cn.qifu.bench.LoopRun;
import cn.qifu.bench.limit.CpuTime;
import cn.qifu.bench.limit.Meter;
import cn.qifu.bench.limit.StatementCounter;
import cn.qifu.testsupport.MariaDbServer;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;

/**
 * The loop-shaped process on a bare Camunda 7.24 engine: no Spring, no application, no authorization, job executor off;
 * the engine alone on a fresh MariaDB database. The yardstick for the application's own loop and for Flowable.
 */
public final class BareCamundaLoopBenchmark implements LoopEngine {

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;
    private final boolean keepsHistory;

    private BareCamundaLoopBenchmark(String jdbcUrl, String user, String password, int clients, String historyLevel) {
        QuietLogs.unlessConfigured();
        dataSource = BenchDataSource.forClients(jdbcUrl, user, password, clients);
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setProcessEngineName("bench-camunda-" + System.nanoTime());
        config.setDataSource(dataSource);
        config.setDatabaseType("mysql");
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setJobExecutorActivate(false);
        config.setHistory(historyLevel);
        // as the Spring Boot starter the application runs on
        config.setIdGenerator(new StrongUuidGenerator());
        engine = config.buildProcessEngine();
        keepsHistory = !ProcessEngineConfiguration.HISTORY_NONE.equals(historyLevel);
        engine.getRepositoryService().createDeployment().addClasspathResource(RESOURCE).deploy();
    }

    /** Full history, as the application runs. */
    public static LoopRun run(String jdbcUrl, String user, String password, int clients, int instances) {
        return run(jdbcUrl, user, password, clients, instances, ProcessEngineConfiguration.HISTORY_FULL);
    }

    /** @param historyLevel full, audit, activity or none; {@code meters} see the measured part only */
    public static LoopRun run(String jdbcUrl, String user, String password, int clients, int instances,
                              String historyLevel, Meter... meters) {
        try (BareCamundaLoopBenchmark engine =
                     new BareCamundaLoopBenchmark(jdbcUrl, user, password, clients, historyLevel)) {
            return LoopClients.run("Camunda 7.24 (bare, " + historyLevel + " history)", engine, clients, instances,
                    meters);
        }
    }

    @Override
    public String start(String user, String businessKey, Map<String, Object> variables) {
        engine.getIdentityService().setAuthenticatedUserId(user);
        try {
            return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, businessKey, variables).getId();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Override
    public String completeTask(String user, String instanceId, Map<String, Object> variables) {
        engine.getIdentityService().setAuthenticatedUserId(user);
        try {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult();
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), variables);
            return task.getTaskDefinitionKey();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
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
                String url = MariaDbServer.freshDatabase("qifu_bench_flowable_camunda");
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
