package cn.qifu.supervision.figures;

import cn.qifu.supervision.figures.FiguresMapper.NameRow;
import cn.qifu.supervision.figures.FiguresMapper.OpenKind;
import cn.qifu.supervision.figures.FiguresMapper.TallyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The counts the database returns per group and kind of problem ({@link FiguresMapper#tallyKinds},
 * {@link FiguresMapper#openKinds}), added up per group: what a problem of each kind counts for (closed, closed on time,
 * rated, satisfied …), the departments' counts added up per level, and each group named and placed as the catalogue
 * has it.
 */
final class GroupCounts {

    private GroupCounts() {
    }

    /** Department, level and board take their names, levels and order from the catalogue's tables. */
    static boolean needsNames(String dimension) {
        return dimension.equals("department") || dimension.equals("level") || dimension.equals("board");
    }

    static List<Tally> tallies(String dimension, List<TallyKind> kinds, List<NameRow> names) {
        Groups groups = new Groups(dimension, names);
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Long> minutes = new HashMap<>();
        for (TallyKind k : kinds) {
            String key = groups.key(k.grpKey());
            long[] s = sums.computeIfAbsent(key, x -> new long[15]);
            long n = k.problems();
            boolean closed = "CLOSED".equals(k.status());
            s[0] += n;
            s[1] += closed ? n : 0;
            s[2] += closed && !k.overdue() ? n : 0;
            s[3] += "REFUSED".equals(k.status()) ? n : 0;
            s[4] += "MERGED".equals(k.status()) ? n : 0;
            s[5] += k.rating() != null ? n : 0;
            s[6] += "SATISFIED".equals(k.rating()) || "BASICALLY_SATISFIED".equals(k.rating()) ? n : 0;
            s[7] += k.rating() != null && k.ratingByDefault() ? n : 0;
            s[8] += k.everAssigned() ? n : 0;
            s[9] += k.everReturned() ? n : 0;
            s[10] += closed && k.reopened() == 1 ? n : 0;
            s[11] += closed && k.returnVisited() ? n : 0;
            s[12] += k.answered() == 1 ? n : 0;
            s[13] += k.timedAnswers();
            if (k.handlingMinutes() != null) {
                // a sum over no timed answer stays null, as SQL's SUM
                minutes.merge(key, k.handlingMinutes(), Long::sum);
            }
        }
        List<Tally> tallies = new ArrayList<>();
        sums.forEach((key, s) -> tallies.add(new Tally(key, groups.name(key), groups.order(key), s[0], s[1], s[2], s[3],
                s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13], minutes.get(key))));
        return tallies;
    }

    static List<OpenTally> open(String dimension, List<OpenKind> kinds, List<NameRow> names) {
        Groups groups = new Groups(dimension, names);
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (OpenKind k : kinds) {
            long[] s = sums.computeIfAbsent(groups.key(k.grpKey()), x -> new long[4]);
            s[0] += k.problems();
            s[1] += "GREEN".equals(k.light()) ? k.problems() : 0;
            s[2] += "YELLOW".equals(k.light()) ? k.problems() : 0;
            s[3] += "RED".equals(k.light()) ? k.problems() : 0;
        }
        List<OpenTally> open = new ArrayList<>();
        sums.forEach((key, s) -> open.add(new OpenTally(key, groups.name(key), groups.order(key), s[0], s[1], s[2], s[3])));
        return open;
    }

    /** A dimension's groups: the key a counted value falls under, and its name and place. */
    private static final class Groups {

        private final String dimension;
        private final Map<String, NameRow> departments = new HashMap<>();
        private final Map<String, NameRow> boards = new HashMap<>();
        private final Function<String, String> key;

        Groups(String dimension, List<NameRow> names) {
            this.dimension = dimension;
            for (NameRow n : names) {
                (n.level() == null ? boards : departments).put(n.code(), n);
            }
            // a level is its lead departments' (none for a problem no department has, or one not in the catalogue)
            this.key = dimension.equals("level")
                    ? code -> code == null || !departments.containsKey(code) ? null : departments.get(code).level()
                    : code -> code;
        }

        String key(String counted) {
            return key.apply(counted);
        }

        String name(String key) {
            return switch (dimension) {
                case "department" -> key == null || !departments.containsKey(key) ? null : departments.get(key).name();
                case "board" -> key == null || !boards.containsKey(key) ? null : boards.get(key).name();
                case "level", "channel", "category" -> key;
                default -> "";
            };
        }

        Integer order(String key) {
            return switch (dimension) {
                case "department" -> key == null || !departments.containsKey(key) ? null : departments.get(key).sortOrder();
                case "board" -> key == null || !boards.containsKey(key) ? null : boards.get(key).sortOrder();
                default -> 0;
            };
        }
    }
}
