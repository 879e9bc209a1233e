package cn.qifu.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the application's API in the one {@link ApiError} shape; a client never sees a stack trace. Always
 * JSON, whatever the request's Accept header asked for (else an error would become a second error).
 */
// global: some refusals (415, 405) happen before a controller is chosen
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e instanceof TooManyRequestsException tooMany) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.retryAfterSeconds()));
        }
        return response.body(e.error());
    }

    /** Not JSON, or a field of the wrong type: named, with where it went wrong. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        ApiError.FieldProblem problem;
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = new ApiError.FieldProblem(fieldOf(mapping.getPath()), "INVALID_TYPE", "类型不对");
        } else if (e.getCause() instanceof JsonProcessingException parse && parse.getLocation() != null
                && !(parse instanceof JsonMappingException)) {
            problem = new ApiError.FieldProblem("body", "MALFORMED_JSON", "不是有效的 JSON（第 "
                    + parse.getLocation().getLineNr() + " 行第 " + parse.getLocation().getColumnNr() + " 列附近）");
        } else {
            problem = new ApiError.FieldProblem("body", "MALFORMED_JSON", "缺少请求内容，或其结构不对（应为 JSON 对象）");
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("MALFORMED_BODY", "请求内容不是有效的 JSON，或字段类型不对", List.of(problem)));
    }

    /** creditCode, valueAddedItems[0]: the field as the client wrote it. */
    private static String fieldOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        String expected = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(Object::toString).distinct()
                        .reduce((a, b) -> a + "、" + b).orElseThrow();
        String message = "请求内容类型" + (e.getContentType() == null ? "缺失或无法识别" : " " + e.getContentType() + " 不受支持")
                + "，应为 " + expected;
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("UNSUPPORTED_MEDIA_TYPE", message,
                        List.of(new ApiError.FieldProblem("Content-Type", "UNSUPPORTED", message))));
    }

    /** The client accepts nothing the API writes (it writes JSON only): said in JSON all the same. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("NOT_ACCEPTABLE", "本接口只返回 JSON（Accept: application/json）"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("METHOD_NOT_ALLOWED", "不支持该请求方法：" + e.getMethod()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(ApiException.invalid(e.getParameterName(), "REQUIRED", "必填").error());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(ApiException.invalid(e.getHeaderName(), "REQUIRED", "必填").error());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(ApiException.invalid(e.getName(), "INVALID_FORMAT", "格式不正确").error());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("NOT_FOUND", "没有这个地址"));
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ApiError> unavailable(TransientDataAccessException e) {
        log.warn("database unavailable: {}", e.getMessage());
        if (DatabaseOutage.causedBy(e)) {
            return DatabaseOutage.response();
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("UNAVAILABLE", "系统暂时无法处理，请稍后重试；本次提交未被保存"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        // the database is down, however the failure is wrapped (Spring, MyBatis, Camunda): 503, retry later
        if (DatabaseOutage.causedBy(e)) {
            log.warn("database unavailable: {}", e.getMessage());
            return DatabaseOutage.response();
        }
        log.error("unexpected error in the API", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("INTERNAL_ERROR", "系统内部错误，请稍后重试或联系管理员", List.of()));
    }
}
