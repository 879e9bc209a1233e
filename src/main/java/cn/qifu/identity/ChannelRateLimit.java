package cn.qifu.identity;

import cn.qifu.system.ApiProperties;
import cn.qifu.system.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Each channel client (a user of group {@code channel}: the hotline's system, 浙里办, 企服平台) may write to {@code /api}
 * at {@code qifu.api.rate-limit.requests-per-second}, with bursts up to {@code burst}: a token bucket per client, so
 * one client flooding the loop (a retry storm, a script gone wrong) slows only itself. Beyond it: 429 with Retry-After,
 * nothing is processed. Reads are not counted.
 *
 * <p>Staff are not limited: they are people working a task at a time, and their API writes are a handful an hour;
 * the clients the limit is for are the machines behind the channels. The buckets are kept by each node: behind a load
 * balancer a client gets the rate once per node.
 */
@Component
class ChannelRateLimit implements HandlerInterceptor, WebMvcConfigurer {

    private final ApiProperties.RateLimit limit;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ChannelRateLimit(ApiProperties properties) {
        this.limit = properties.rateLimit();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        CurrentUser user = CurrentUser.of(request);
        if (user == null || isRead(request) || !user.isIn(Role.CHANNEL)) {
            return true;
        }
        TokenBucket bucket = buckets.computeIfAbsent(user.userId(),
                id -> new TokenBucket(limit.requestsPerSecond(), limit.burst()));
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            // Retry-After is in whole seconds: round up, so that the retry finds a token
            throw new TooManyRequestsException(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
        return true;
    }

    private static boolean isRead(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
                || HttpMethod.OPTIONS.matches(request.getMethod());
    }

    /** Refills at a steady rate up to its size; each write takes one token. */
    static final class TokenBucket {
        private final double tokensPerNano;
        private final double size;
        private double tokens;
        private long refilledAt;

        TokenBucket(double perSecond, int size) {
            this.tokensPerNano = perSecond / 1_000_000_000d;
            this.size = size;
            this.tokens = size;
            this.refilledAt = System.nanoTime();
        }

        /** Takes a token: 0 when there was one, else how long until there is one (nothing taken). */
        synchronized long take(long now) {
            tokens = Math.min(size, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }
    }
}
