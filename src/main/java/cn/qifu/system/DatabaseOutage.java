package cn.qifu.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The database cannot be reached (stopped, restarting, network cut), or no connection of the pool came free in time
 * (overload): the API answers 503 with a reason in Chinese instead of a 500, and the pool (Hikari,
 * {@code spring.datasource.hikari.connection-timeout}) gives up after a few seconds. Nothing is half-stored: every
 * request runs in one transaction, which the database rolls back when the connection breaks. The application needs no
 * restart; the pool connects again when the database is back.
 */
public final class DatabaseOutage {

    /** How long a client should wait before retrying, in seconds (the Retry-After header). */
    static final String RETRY_AFTER_SECONDS = "30";

    private DatabaseOutage() {
    }

    /**
     * Whether {@code failure} comes from a lost or refused database connection, however wrapped (Spring's
     * {@code CannotCreateTransactionException}, MyBatis, Camunda's {@code ProcessEngineException}): SQLState class 08
     * (connection exception), the JDBC connection exception types, or Spring's resource failure.
     */
    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 30; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static ApiError error() {
        return ApiError.of("UNAVAILABLE", "数据库暂时无法访问（或系统繁忙），请稍后重试；本次请求未被处理，"
                + "重试提交时请带相同的 Idempotency-Key，不会重复登记");
    }

    static ResponseEntity<ApiError> response() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON).body(error());
    }
}
