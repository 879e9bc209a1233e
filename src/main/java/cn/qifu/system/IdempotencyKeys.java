package cn.qifu.system;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} a channel sends so that its retry returns the first result instead of a second record.
 * A key belongs to its client: the same key from two clients is two submissions.
 */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

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

    /**
     * Runs the submission of a scoped key while no other request of this node runs one with the same key: a repeat
     * arriving while the first is still being stored waits for it, then finds it and replays it. (Without this the
     * repeat waits on the database's lock of the unique key, which H2 gives up after a second under load: a 503.
     * Across nodes the unique key still decides.) Without a key, it just runs.
     */
    public static <T> T oneAtATime(String scopedKey, Supplier<T> submission) {
        if (scopedKey == null) {
            return submission.get();
        }
        synchronized (STRIPES[Math.floorMod(scopedKey.hashCode(), STRIPES.length)]) {
            return submission.get();
        }
    }
}
