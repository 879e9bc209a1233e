package cn.qifu.department;

/**
 * The department's system could not be reached or answered nonsense: retry later (the engine's job retries do that).
 * The message names the department code and the cause, in Chinese and in English, e.g.
 * {@code 部门系统 amr 暂时无法访问：读取超时（5 秒）[POST http://…/items] / department system amr is unavailable: …}.
 *
 * <p>{@link #refused()} tells apart the case where the department answered an HTTP 4xx other than 429: it understood
 * the call and refused it (wrong address, unknown reference, credentials not accepted). Retrying will usually not
 * help there; the message says so and carries the status code and an excerpt of the answer.
 */
public class DepartmentUnavailableException extends RuntimeException {

    private final String departmentCode;
    private final int httpStatus;
    private final boolean refused;

    public DepartmentUnavailableException(String departmentCode, int httpStatus, boolean refused, String message,
                                          Throwable cause) {
        super(message, cause);
        this.departmentCode = departmentCode;
        this.httpStatus = httpStatus;
        this.refused = refused;
    }

    /** The department whose system failed. */
    public String departmentCode() {
        return departmentCode;
    }

    /** The HTTP status the department answered, or 0 when there was no HTTP answer (connection error, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the department answered with a 4xx other than 429, i.e. refused the request rather than failed. */
    public boolean refused() {
        return refused;
    }
}
