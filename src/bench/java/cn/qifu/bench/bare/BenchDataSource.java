package cn.qifu.bench.bare;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The same Hikari pool for every engine compared, set up as the application's (READ COMMITTED, defaults otherwise). */
public final class BenchDataSource {

    private BenchDataSource() {
    }

    /** A pool of one connection per client and two spare. */
    public static HikariDataSource forClients(String jdbcUrl, String user, String password, int clients) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        // Camunda refuses REPEATABLE READ (ENGINE-12019); Flowable gets the same so neither has an edge from it
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(clients + 2);
        config.setPoolName("bench-" + clients);
        return new HikariDataSource(config);
    }
}
