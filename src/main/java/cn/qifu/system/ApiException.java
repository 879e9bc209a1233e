package cn.qifu.system;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal the API explains: its HTTP status, a code for machines, a Chinese message, and the fields at fault. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ApiError error;

    public ApiException(HttpStatus status, ApiError error) {
        super(describe(error));
        this.status = status;
        this.error = error;
    }

    /** Also readable where only the message reaches a person (a form submitted in Tasklist). */
    private static String describe(ApiError error) {
        StringBuilder text = new StringBuilder(error.message());
        for (ApiError.FieldProblem problem : error.errors()) {
            text.append("；").append(problem.field()).append("：").append(problem.message());
        }
        return text.append(" [").append(error.code()).append(']').toString();
    }

    public static ApiException invalid(List<ApiError.FieldProblem> problems) {
        return new ApiException(HttpStatus.BAD_REQUEST,
                new ApiError("INVALID_INPUT", "提交的内容有误，请按提示修改后重新提交", List.copyOf(problems)));
    }

    public static ApiException invalid(String field, String code, String message) {
        return invalid(List.of(new ApiError.FieldProblem(field, code, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of("NOT_FOUND", what + "不存在或无权查看"));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, ApiError.of("FORBIDDEN", message));
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, ApiError.of(code, message));
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
