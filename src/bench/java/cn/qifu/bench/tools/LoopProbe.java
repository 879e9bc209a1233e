package cn.qifu.bench.tools;

import cn.qifu.bench.App;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Latencies;
import cn.qifu.bench.StatementCounter;
import cn.qifu.bench.Variant;
import cn.qifu.bench.loop.ProblemLoop;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not part of the table: one configuration of the loop measured quickly, for trying a setting. Prints problems/s, the
 * application's CPU per problem (steady even on a busy machine) and the statements per problem.
 * {@code java -cp … cn.qifu.bench.tools.LoopProbe TUNED|DEFAULTS problems clients services|http [key=value …]}.
 */
public final class LoopProbe {

    private LoopProbe() {
    }

    public static void main(String[] args) {
        Variant variant = Variant.valueOf(args[0]);
        int problems = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        boolean http = args[3].equalsIgnoreCase("http");
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            extra.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (App app = App.startFresh("probe", variant, extra)) {
            ProblemLoop loop = new ProblemLoop(app);
            try (java.sql.Connection c = app.bean(javax.sql.DataSource.class).getConnection()) {
                var props = c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getPropertySet();
                System.out.println("PROBE driver: cachePrepStmts " + props.getBooleanProperty("cachePrepStmts").getValue()
                        + ", prepStmtCacheSqlLimit " + props.getIntegerProperty("prepStmtCacheSqlLimit").getValue()
                        + ", rewriteBatchedStatements " + props.getBooleanProperty("rewriteBatchedStatements").getValue()
                        + ", pool " + app.bean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class)
                        .getMaximumPoolSize());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            Clients.Work work = http ? (n, l) -> loop.httpLoop(n, l) : (n, l) -> loop.serviceLoop(n, l);
            Clients.run(clients, Math.max(50, problems / 2), 0, work);
            for (int round = 0; round < 3; round++) {
                StatementCounter.Snapshot before = StatementCounter.snapshot();
                long cpu = os.getProcessCpuTime();
                long readOnly = StatementCounter.READ_ONLY_COMMITS.sum();
                Clients.Result r = Clients.run(clients, problems, 100_000 * (round + 1), work);
                double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / problems;
                StatementCounter.Snapshot d = StatementCounter.snapshot().minus(before);
                System.out.printf("PROBE %s %s %s: %.1f problems/s, %.1f ms CPU/problem, %.0f statements (%.0f SELECT,"
                                + " %.0f writes), %.0f round trips, %.1f commits (+%.1f read-only) per problem, %d failed%n",
                        variant, extra, http ? "http" : "services", problems / r.seconds(), cpuMs,
                        d.statements() / (double) problems, d.selects() / (double) problems,
                        d.writes() / (double) problems, d.roundTrips() / (double) problems,
                        d.commits() / (double) problems, (StatementCounter.READ_ONLY_COMMITS.sum() - readOnly) / (double) problems,
                        r.failures());
                if (r.firstFailure() != null) {
                    r.firstFailure().printStackTrace(System.out);
                }
            }
        }
        System.exit(0);
    }
}
