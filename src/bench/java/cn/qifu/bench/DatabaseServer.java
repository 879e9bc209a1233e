package cn.qifu.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one setting of the database server the suite changes for its run, and puts back after: the InnoDB buffer pool,
 * to the size docker/compose.yaml gives MySQL in production ({@code -Dbench.db.buffer-pool=4G}; {@code keep} leaves
 * the server as it is). MariaDB's and MySQL's default, 128 MB, holds little of a ledger of a million problems, and the
 * server reads its files with O_DIRECT, so the operating system's cache does not make up for it.
 */
public final class DatabaseServer implements AutoCloseable {

    private final long original;
    private final long wanted;

    private DatabaseServer(long original, long wanted) {
        this.original = original;
        this.wanted = wanted;
    }

    public static DatabaseServer configure(Report report) {
        String setting = System.getProperty("bench.db.buffer-pool", "4G").strip();
        try (Connection c = Databases.connect("mysql"); Statement s = c.createStatement()) {
            long original = bufferPool(s);
            long wanted = setting.equalsIgnoreCase("keep") ? original : bytes(setting);
            if (wanted != original) {
                resize(s, wanted);
            }
            report.fact("database", version(s) + ", InnoDB buffer pool " + bufferPool(s) / 1024 / 1024 + " MB"
                    + (wanted != original ? " (set for the run; the server had " + original / 1024 / 1024 + " MB)" : "")
                    + ", innodb_flush_log_at_trx_commit " + single(s, "SELECT @@innodb_flush_log_at_trx_commit"));
            return new DatabaseServer(original, wanted);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or set the buffer pool (the suite connects as root)", e);
        }
    }

    @Override
    public void close() {
        if (wanted == original) {
            return;
        }
        try (Connection c = Databases.connect("mysql"); Statement s = c.createStatement()) {
            resize(s, original);
        } catch (SQLException e) {
            System.err.println("[bench] could not put the buffer pool back to " + original + " bytes: " + e);
        }
    }

    private static void resize(Statement s, long bytes) throws SQLException {
        s.execute("SET GLOBAL innodb_buffer_pool_size = " + bytes);
        // the server resizes in the background, in chunks
        for (int i = 0; i < 600 && Math.abs(bufferPool(s) - bytes) > 128L * 1024 * 1024; i++) {
            sleep();
        }
        for (int i = 0; i < 600 && single(s, "SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'", 2).contains("ing"); i++) {
            sleep();
        }
    }

    static long bytes(String size) {
        String s = size.toUpperCase(java.util.Locale.ROOT);
        long unit = s.endsWith("G") ? 1L << 30 : s.endsWith("M") ? 1L << 20 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static long bufferPool(Statement s) throws SQLException {
        return Long.parseLong(single(s, "SELECT @@innodb_buffer_pool_size"));
    }

    private static String version(Statement s) throws SQLException {
        return single(s, "SELECT VERSION()");
    }

    private static String single(Statement s, String sql) throws SQLException {
        return single(s, sql, 1);
    }

    private static String single(Statement s, String sql, int column) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(column)) : "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
