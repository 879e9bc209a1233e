package cn.qifu.bench.limit;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Counts the statements between {@link #start()} and {@link #stop()}, in one of two ways:
 * <ul>
 * <li>{@link #serverWide}: deltas of MariaDB's global status counters {@code Com_select}, {@code Com_insert}, … .
 * Everything the server ran is counted, other clients' work included: exact only on a quiet server.</li>
 * <li>{@link #sentFromThisJvm}: what this JVM sent through connections opened with {@link #countingUrl} (a Connector/J
 * query interceptor classifies each statement by its first word). Exact on a busy server too.</li>
 * </ul>
 * <pre>
 * StatementCounter counter = StatementCounter.serverWide(url, user, password);
 * counter.start();
 * ... the work ...
 * counter.stop();
 * counter.counts().perUnit(instances);   // per-instance figures
 * </pre>
 */
public final class StatementCounter implements Meter {

    private static final String[] KINDS = {"select", "insert", "update", "delete", "commit", "rollback"};

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private long[] before;
    private Counts last;

    private StatementCounter(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Everything the server at that URL executes (global status counters). */
    public static StatementCounter serverWide(String jdbcUrl, String user, String password) {
        return new StatementCounter(jdbcUrl, user, password);
    }

    /** Statements this JVM sends through connections opened with {@link #countingUrl}. */
    public static StatementCounter sentFromThisJvm() {
        return new StatementCounter(null, null, null);
    }

    /** The URL with the counting interceptor added; costs an atomic increment per statement. */
    public static String countingUrl(String jdbcUrl) {
        if (jdbcUrl.contains(Interceptor.class.getName())) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "queryInterceptors=" + Interceptor.class.getName();
    }

    @Override
    public void start() {
        before = read();
        last = null;
    }

    /** Counts since {@link #start()}, kept for {@link #counts()}. */
    @Override
    public void stop() {
        if (before == null) {
            throw new IllegalStateException("stop() without start()");
        }
        long[] after = read();
        long[] delta = new long[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            delta[i] = after[i] - before[i];
        }
        last = new Counts(delta[0], delta[1], delta[2], delta[3], delta[4], delta[5]);
        before = null;
    }

    /** The counts between the last {@link #start()} and {@link #stop()}, or null. */
    public Counts counts() {
        return last;
    }

    private long[] read() {
        long[] values = new long[KINDS.length];
        if (jdbcUrl == null) {
            for (int i = 0; i < KINDS.length; i++) {
                values[i] = Interceptor.COUNTS.get(i);
            }
            return values;
        }
        Map<String, Long> status = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com\\_%'")) {
            while (rows.next()) {
                status.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's status counters", e);
        }
        for (int i = 0; i < KINDS.length; i++) {
            Long value = status.get("com_" + KINDS[i]);
            if (value == null) {
                throw new IllegalStateException("the server has no status counter Com_" + KINDS[i]);
            }
            values[i] = value;
        }
        return values;
    }

    /** Statements executed; a multi-row INSERT counts once, as the server counts it. */
    public record Counts(long selects, long inserts, long updates, long deletes, long commits, long rollbacks) {

        public long writes() {
            return inserts + updates + deletes;
        }

        public long statements() {
            return selects + writes();
        }

        /** Average per unit of work (per process instance, say), one decimal. */
        public String perUnit(int units) {
            double n = units;
            return String.format(Locale.ROOT,
                    "%.1f SELECT + %.1f writes (%.1f INSERT, %.1f UPDATE, %.1f DELETE), %.1f COMMIT",
                    selects / n, writes() / n, inserts / n, updates / n, deletes / n, commits / n);
        }
    }

    /** Counts what the driver sends, by the statement's first word; the rest (SET, SHOW, …) is not counted. */
    public static final class Interceptor implements QueryInterceptor {

        static final AtomicLongArray COUNTS = new AtomicLongArray(KINDS.length);

        @Override
        public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
            return this;
        }

        @Override
        public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
            String text = sql.get();
            if (text != null) {
                int kind = kind(text);
                if (kind >= 0) {
                    COUNTS.incrementAndGet(kind);
                }
            }
            return null;
        }

        private static int kind(String sql) {
            int start = 0;
            while (start < sql.length() && !Character.isLetter(sql.charAt(start))) {
                start++;
            }
            for (int i = 0; i < KINDS.length; i++) {
                if (sql.regionMatches(true, start, KINDS[i], 0, KINDS[i].length())) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean executeTopLevelOnly() {
            return true;
        }

        @Override
        public void destroy() {
        }

        @Override
        public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T result,
                                                   ServerSession serverSession) {
            return null;
        }
    }
}
