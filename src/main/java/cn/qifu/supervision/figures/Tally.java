package cn.qifu.supervision.figures;

/**
 * One group's counts for a period, as the aggregate query returns them (see {@link FiguresMapper#tally}): the
 * problems of the period and, among them, how many reached each state. Rates are made from these by {@link Figures}.
 */
public record Tally(String grpKey, String grpName, Integer grpOrder, long received, long closed, long closedOnTime,
                    long refused, long merged, long rated, long satisfied, long ratedByDefault, long assigned,
                    long returned, long reopened, long returnVisited, long answered, long timedAnswers,
                    Long handlingMinutes) {

    static Tally empty(String key) {
        return new Tally(key, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    /** The same counts under another key (a month's label). */
    Tally as(String key) {
        return new Tally(key, grpName, grpOrder, received, closed, closedOnTime, refused, merged, rated, satisfied,
                ratedByDefault, assigned, returned, reopened, returnVisited, answered, timedAnswers, handlingMinutes);
    }

    /** Problems of the period that are neither closed, refused nor merged. */
    long stillOpen() {
        return received - closed - refused - merged;
    }
}
