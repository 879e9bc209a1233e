package cn.qifu.cluster;

import cn.qifu.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests read in the shared database directly (not through a node): the engine's tables and the ledger, to
 * count what happened exactly once. Also how a test makes timers due at one instant.
 */
final class Database {

    private final String url;

    Database(String url) {
        this.url = url;
    }

    /** A fresh database for a test class: QIFU_TEST_DB (default qifu_test) plus a suffix, so parallel builds differ. */
    static Database fresh(String suffix) {
        return new Database(MariaDbServer.freshDatabase(
                System.getenv().getOrDefault("QIFU_TEST_DB", "qifu_test") + "_" + suffix));
    }

    String url() {
        return url;
    }

    long count(String sql, Object... args) {
        Object value = rows(sql, args).get(0).values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    List<String> strings(String sql, Object... args) {
        return rows(sql, args).stream().map(row -> String.valueOf(row.values().iterator().next())).toList();
    }

    int update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, MariaDbServer.USER, MariaDbServer.PASSWORD);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
