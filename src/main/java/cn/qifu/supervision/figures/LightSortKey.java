package cn.qifu.supervision.figures;

import java.time.Instant;
import java.util.Comparator;

/** What orders the red and yellow lists of a problem showing that light. */
interface LightSortKey {

    long id();

    Instant deadlineAt();

    /** When it went red in its current round (null for yellow ones, and for red ones marked before the timeline said so). */
    Instant overdueAt();

    Comparator<Instant> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    /** Red: most overdue first (earliest red, else earliest deadline), then by deadline. */
    Comparator<LightSortKey> RED = Comparator
            .comparing((LightSortKey k) -> k.overdueAt() != null ? k.overdueAt() : k.deadlineAt(), NULLS_LAST)
            .thenComparing(LightSortKey::deadlineAt, NULLS_LAST).thenComparingLong(LightSortKey::id);

    /** Yellow: earliest deadline first. */
    Comparator<LightSortKey> YELLOW = Comparator.comparing(LightSortKey::deadlineAt, NULLS_LAST)
            .thenComparingLong(LightSortKey::id);
}
