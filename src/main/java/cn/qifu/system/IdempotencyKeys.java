package cn.qifu.system;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} a channel sends so that its retry returns the first result instead of a second record.
 * A key belongs to its client: the same key from two clients is two submissions.
 */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private IdempotencyKeys() {
    }

    /** The key as stored (scoped to the client), null without a key; 400 naming the header when it is malformed. */
    public static String scoped(String userId, String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid("Idempotency-Key", "INVALID_FORMAT", "应为 1 到 100 个可见 ASCII 字符");
        }
        return userId + ":" + key;
    }
}
