package cn.qifu.bench.bare;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a logging configuration (a bare engine has no Spring Boot to set one) Logback logs everything at DEBUG, every
 * SQL statement included, which costs the engines several times their own work. A configured level is left alone.
 */
public final class QuietLogs {

    private QuietLogs() {
    }

    public static void unlessConfigured() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root
                && !root.getLevel().isGreaterOrEqual(Level.INFO)) {
            root.setLevel(Level.INFO);
        }
    }
}
