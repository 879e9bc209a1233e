package cn.qifu.bench.limit;

import cn.qifu.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit a workflow engine works against: how many durable commits per second this database takes for
 * transactions of a given size. Each thread runs transactions of N statements on a scratch table (40 % INSERT of a
 * ~300-byte row, 40 % SELECT by primary key, 20 % UPDATE by primary key; a transaction always starts with an INSERT, so
 * even N = 1 writes and must reach the redo log), commits, repeats. Threads touch disjoint rows, as engine clients
 * working their own instances do, so what is measured is the server, not lock waits. Durability is whatever the server
 * is configured with ({@link #durability}).
 */
public final class CommitRateBenchmark {

    private static final int ROWS_PER_THREAD = 2_000;
    private static final String PAYLOAD = "企业综合服务中心涉企问题闭环办理记录".repeat(3) + "x".repeat(150);

    private CommitRateBenchmark() {
    }

    /** Runs a fifth of {@code duration} as warm-up, then counts the commits finished within {@code duration}. */
    public static CommitRate run(String jdbcUrl, String user, String password, int statementsPerTransaction,
                                 int threads, Duration duration) {
        createScratchTable(jdbcUrl, user, password, threads);
        long measureFrom = System.nanoTime() + duration.toNanos() / 5;
        long measureUntil = measureFrom + duration.toNanos();
        AtomicLong commits = new AtomicLong();
        List<Callable<Void>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.add(() -> {
                commitUntil(jdbcUrl, user, password, statementsPerTransaction, threads, thread, measureFrom,
                        measureUntil, commits);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> client : pool.invokeAll(clients)) {
                client.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new CommitRate(statementsPerTransaction, threads, commits.get(), duration.toNanos() / 1e9);
    }

    private static void createScratchTable(String jdbcUrl, String user, String password, int threads) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS commit_rate_scratch");
            statement.execute("CREATE TABLE commit_rate_scratch (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " owner INT NOT NULL, name VARCHAR(64) NOT NULL, payload VARCHAR(400) NOT NULL,"
                    + " counter INT NOT NULL, updated_at DATETIME(3) NOT NULL)"
                    + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
            // explicit ids, so that row id belongs to thread (id - 1) % threads
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commit_rate_scratch"
                    + " (id, owner, name, payload, counter, updated_at) VALUES (?, ?, ?, ?, 0, ?)")) {
                for (long id = 1; id <= (long) ROWS_PER_THREAD * threads; id++) {
                    insert.setLong(1, id);
                    insert.setInt(2, (int) ((id - 1) % threads));
                    insert.setString(3, "seed-" + id);
                    insert.setString(4, PAYLOAD);
                    insert.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the scratch table", e);
        }
    }

    private static void commitUntil(String jdbcUrl, String user, String password, int statements, int threads,
                                    int thread, long measureFrom, long measureUntil, AtomicLong commits)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO commit_rate_scratch"
                     + " (owner, name, payload, counter, updated_at) VALUES (?, ?, ?, 0, ?)");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, owner, name, payload, counter, updated_at FROM commit_rate_scratch WHERE id = ?");
             PreparedStatement update = connection.prepareStatement("UPDATE commit_rate_scratch"
                     + " SET counter = counter + 1, payload = ?, updated_at = ? WHERE id = ?")) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(false);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long now = System.nanoTime();
            while (now < measureUntil) {
                for (int i = 0; i < statements; i++) {
                    switch (i % 5) {
                        case 0, 4 -> {
                            insert.setInt(1, thread);
                            insert.setString(2, "row-" + thread + "-" + now + "-" + i);
                            insert.setString(3, PAYLOAD);
                            insert.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
                            insert.executeUpdate();
                        }
                        case 1, 3 -> {
                            select.setLong(1, ownRow(random, threads, thread));
                            try (ResultSet row = select.executeQuery()) {
                                if (!row.next()) {
                                    throw new IllegalStateException("seed row missing");
                                }
                                row.getString(4);
                            }
                        }
                        default -> {
                            update.setString(1, PAYLOAD);
                            update.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                            update.setLong(3, ownRow(random, threads, thread));
                            if (update.executeUpdate() != 1) {
                                throw new IllegalStateException("seed row missing");
                            }
                        }
                    }
                }
                long began = now;
                connection.commit();
                now = System.nanoTime();
                if (began >= measureFrom && now <= measureUntil) {
                    commits.incrementAndGet();
                }
            }
        }
    }

    private static long ownRow(ThreadLocalRandom random, int threads, int thread) {
        return (long) random.nextInt(ROWS_PER_THREAD) * threads + thread + 1;
    }

    /** The server settings that decide what a commit costs. */
    public static Map<String, String> durability(String jdbcUrl, String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@version, @@innodb_flush_log_at_trx_commit, @@sync_binlog,"
                     + " @@log_bin, @@innodb_doublewrite, @@innodb_flush_method, @@innodb_log_file_size")) {
            row.next();
            String[] names = {"version", "innodb_flush_log_at_trx_commit", "sync_binlog", "log_bin",
                    "innodb_doublewrite", "innodb_flush_method", "innodb_log_file_size"};
            for (int i = 0; i < names.length; i++) {
                settings.put(names[i], row.getString(i + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's settings", e);
        }
        return settings;
    }

    /**
     * {@code [statements per transaction (1,10,50,100,250)] [threads (1,2,4)] [seconds per cell (5)]}: commits per
     * second for each size and number of threads.
     */
    public static void main(String[] args) {
        int[] sizes = numbers(args.length > 0 ? args[0] : "1,10,50,100,250");
        int[] threadCounts = numbers(args.length > 1 ? args[1] : "1,2,4");
        Duration duration = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
        String url = MariaDbServer.freshDatabase("qifu_bench_limit");
        System.out.println("server: " + durability(url, MariaDbServer.USER, MariaDbServer.PASSWORD));
        StringBuilder header = new StringBuilder("statements/tx");
        for (int threads : threadCounts) {
            header.append(String.format(" | %2d thread(s): commits/s  statements/s", threads));
        }
        System.out.println(header);
        for (int size : sizes) {
            StringBuilder line = new StringBuilder(String.format("%13d", size));
            for (int threads : threadCounts) {
                CommitRate rate = run(url, MariaDbServer.USER, MariaDbServer.PASSWORD, size, threads, duration);
                line.append(String.format(" | %24.1f %12.0f", rate.perSecond(), rate.perSecond() * size));
            }
            System.out.println(line);
        }
    }

    private static int[] numbers(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
