package cn.qifu.department.simulator;

/**
 * How a simulated department system behaves, set with {@code PUT /simulator/departments/{code}/behaviour}. Fields
 * left out of the JSON are NORMAL / 0.
 *
 * @param mode           {@link Mode}
 * @param failNext       the next n item requests (POST or GET) answer HTTP 500, then the mode applies again
 * @param delayMillis    how long {@link Mode#SLOW} waits before answering
 * @param pendingQueries a new item is ACCEPTED and its first n GETs answer ACCEPTED, then DONE
 * @param rejectNext     the next n new items are REJECTED (材料不全) instead of accepted
 */
public record Behaviour(Mode mode, int failNext, long delayMillis, int pendingQueries, int rejectNext) {

    public static final Behaviour NORMAL = new Behaviour(Mode.NORMAL, 0, 0, 0, 0);

    public Behaviour {
        mode = mode == null ? Mode.NORMAL : mode;
    }

    public enum Mode {
        /** Answers at once; a new item is DONE (unless pendingQueries or rejectNext say otherwise). */
        NORMAL,
        /** Answers 503 to every item request. */
        DOWN,
        /** Waits delayMillis, then answers as NORMAL: an adapter with a shorter timeout gives up first. */
        SLOW,
        /** Answers 200 with an HTML page instead of the JSON of the contract. */
        GARBAGE
    }

    Behaviour withFailNext(int remaining) {
        return new Behaviour(mode, remaining, delayMillis, pendingQueries, rejectNext);
    }

    Behaviour withRejectNext(int remaining) {
        return new Behaviour(mode, failNext, delayMillis, pendingQueries, remaining);
    }
}
