package cn.qifu.system;

import java.util.List;

/**
 * The one shape of every error the application's API returns: a code for machines, a message in Chinese for people,
 * and, for bad input, every field at fault with its own reason.
 */
public record ApiError(String code, String message, List<FieldProblem> errors) {

    public record FieldProblem(String field, String code, String message) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }
}
