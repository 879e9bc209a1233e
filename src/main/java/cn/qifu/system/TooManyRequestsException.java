package cn.qifu.system;

import org.springframework.http.HttpStatus;

/** 429: the client sent more than its share; it may try again after {@link #retryAfterSeconds()} (Retry-After). */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, ApiError.of("RATE_LIMITED",
                "请求过于频繁，请在 " + retryAfterSeconds + " 秒后重试；本次请求未被处理"));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
