package cn.qifu.bench;

import cn.qifu.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's databases on the MariaDB server: copies, sizes, the JDBC URL of one. */
public final class Databases {

    private static final String PARAMETERS = "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8";

    private Databases() {
    }

    /** The URL of an existing database (the server MariaDbServer found; a fresh database fixes it first). */
    public static synchronized String url(String database) {
        if (server == null) {
            String fresh = MariaDbServer.freshDatabase("qifu_bench_server");
            server = fresh.substring(0, fresh.indexOf("/qifu_bench_server"));
        }
        return server + "/" + database + PARAMETERS;
    }

    private static String server;

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), MariaDbServer.USER, MariaDbServer.PASSWORD);
    }

    /** {@code to} becomes a copy of {@code from} (tables and rows; dropped first). */
    public static void copy(String from, String to) {
        MariaDbServer.freshDatabase(to);
        try (Connection c = connect(from); Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + from + "' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("CREATE TABLE " + to + "." + table + " LIKE " + from + "." + table);
                s.execute("INSERT INTO " + to + "." + table + " SELECT * FROM " + from + "." + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Data and index bytes of the database, after fresh statistics. */
    public static long sizeBytes(String database) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("ANALYZE TABLE " + table);
            }
            try (ResultSet rs = s.executeQuery("SELECT SUM(DATA_LENGTH + INDEX_LENGTH) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = '" + database + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
