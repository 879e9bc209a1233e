package cn.qifu.supervision.figures;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.catalog.Level;
import cn.qifu.deadline.EngineClock;
import cn.qifu.deadline.WorkingDayCalendar;
import cn.qifu.identity.Role;
import cn.qifu.problem.Channel;
import cn.qifu.problem.Status;
import cn.qifu.supervision.figures.FiguresMapper.LightKey;
import cn.qifu.supervision.figures.Views.ByDimension;
import cn.qifu.supervision.figures.Views.GroupRow;
import cn.qifu.supervision.figures.Views.Holder;
import cn.qifu.supervision.figures.Views.LightEntry;
import cn.qifu.supervision.figures.Views.Lights;
import cn.qifu.supervision.figures.Views.MonthRow;
import cn.qifu.supervision.figures.Views.OpenTask;
import cn.qifu.supervision.figures.Views.Summary;
import cn.qifu.supervision.figures.Views.Trend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The center's figures (涉企问题高效办结率, 办理满意率, …) for a month, per group, as a trend, and the red and yellow
 * lists. The database counts ({@link FiguresMapper}); this class only divides, names and orders.
 */
@Service
@Transactional(readOnly = true)
public class FiguresService {

    /** Statuses of open problems: everything but 已办结, 不予受理, 已并件. */
    static final List<String> OPEN_STATUSES = Arrays.stream(Status.values()).filter(Status::isOpen).map(Enum::name).toList();
    public static final int MAX_TREND_MONTHS = 36;
    /** Ids per IN list (open tasks of the listed problems, the listed problems themselves). */
    private static final int IN_LIST_BATCH = 500;
    private static final String ALL = "all";

    private final FiguresMapper mapper;
    private final WorkingDayCalendar calendar;
    private final CatalogService catalog;
    private final PastMonthTallies pastMonths;

    FiguresService(FiguresMapper mapper, WorkingDayCalendar calendar, CatalogService catalog, PastMonthTallies pastMonths) {
        this.mapper = mapper;
        this.calendar = calendar;
        this.catalog = catalog;
        this.pastMonths = pastMonths;
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    /** The month the engine clock is in, in the center's zone. */
    public YearMonth currentMonth() {
        return YearMonth.from(EngineClock.now().atZone(zone()));
    }

    public MonthPeriod period(YearMonth month) {
        return MonthPeriod.of(month, zone());
    }

    // ---- the month ------------------------------------------------------------------------------------------------

    public Summary summary(YearMonth month) {
        MonthPeriod period = period(month);
        Tally tally = first(mapper.tally(ALL, period.from(), period.to()), Tally.empty(ALL));
        OpenTally open = first(mapper.openNow(ALL, OPEN_STATUSES), OpenTally.empty(ALL));
        return new Summary(period.label(), period.fromAt(), period.toAt(), Figures.of(tally), NowCounts.of(open), now());
    }

    /**
     * One row per group that had problems in the month or has open problems now; departments and boards in catalogue
     * order, levels from 企业社区 up, channels in their order, categories by number of problems; the group of problems
     * without a value (e.g. refused before any department had them) last.
     */
    public ByDimension byDimension(Dimension dimension, YearMonth month) {
        MonthPeriod period = period(month);
        // the catalogue's names read once for both counts
        List<FiguresMapper.NameRow> names = GroupCounts.needsNames(dimension.key()) ? mapper.names() : List.of();
        Map<String, Tally> tallies = new HashMap<>();
        GroupCounts.tallies(dimension.key(), mapper.tallyKinds(dimension.key(), period.from(), period.to()), names)
                .forEach(t -> tallies.put(t.grpKey(), t));
        Map<String, OpenTally> open = new HashMap<>();
        GroupCounts.open(dimension.key(), mapper.openKinds(dimension.key(), OPEN_STATUSES), names)
                .forEach(t -> open.put(t.grpKey(), t));
        Set<String> keys = new LinkedHashSet<>(tallies.keySet());
        keys.addAll(open.keySet());
        List<GroupRow> rows = new ArrayList<>();
        List<String> ordered = new ArrayList<>(keys);
        ordered.sort(order(dimension, tallies, open));
        for (String key : ordered) {
            Tally tally = tallies.getOrDefault(key, Tally.empty(key));
            OpenTally now = open.getOrDefault(key, OpenTally.empty(key));
            String sqlName = tally.grpName() != null && !tally.grpName().isBlank() ? tally.grpName() : now.grpName();
            rows.add(new GroupRow(key, name(dimension, key, sqlName), Figures.of(tally), NowCounts.of(now)));
        }
        return new ByDimension(period.label(), period.fromAt(), period.toAt(), dimension.key(), dimension.columnName(),
                rows, now());
    }

    // ---- the trend ------------------------------------------------------------------------------------------------

    /** The {@code months} months ending with the engine clock's month, oldest first. */
    public Trend trend(int months) {
        return trend(currentMonth(), months);
    }

    /**
     * The {@code months} months ending with {@code last}, oldest first: the months that have ended from their kept
     * counts ({@link PastMonthTallies}), the current one counted now.
     */
    public Trend trend(YearMonth last, int months) {
        List<MonthPeriod> periods = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            periods.add(period(last.minusMonths(i)));
        }
        Map<String, Tally> tallies = pastMonths.tallies(periods);
        List<MonthRow> rows = periods.stream().map(p -> new MonthRow(p.label(), p.fromAt(), p.toAt(),
                Figures.of(tallies.getOrDefault(p.label(), Tally.empty(p.label()))))).toList();
        return new Trend(months, periods.get(0).label(), periods.get(periods.size() - 1).label(), rows, now());
    }

    // ---- the red and yellow lists ---------------------------------------------------------------------------------

    /** Every open problem showing red or yellow (the workbook's lists): {@link #lights(int)} without a limit. */
    public Lights lights() {
        return lights(Integer.MAX_VALUE);
    }

    /**
     * The open problems showing red (most overdue first: earliest red first) and yellow (earliest deadline first), at
     * most {@code limit} of each, with who holds them: the lead department, and the open tasks of its process
     * (Camunda's runtime tables, read for the listed ones only). The counts are of all of them: a county with 100,000
     * open problems has thousands of red ones, and a screen shows the top of the list.
     */
    public Lights lights(int limit) {
        Instant now = EngineClock.now();
        List<LightRow> shownRed;
        List<LightRow> shownYellow;
        int redCount;
        int yellowCount;
        if (limit == Integer.MAX_VALUE) {
            List<LightRow> rows = mapper.lights(OPEN_STATUSES);
            shownRed = rows.stream().filter(r -> "RED".equals(r.light())).sorted(LightSortKey.RED).toList();
            shownYellow = rows.stream().filter(r -> "YELLOW".equals(r.light())).sorted(LightSortKey.YELLOW).toList();
            redCount = shownRed.size();
            yellowCount = shownYellow.size();
        } else {
            // ordered by what orders them only (for red the time it went red, one lookup in the timeline each), then the
            // first ones read whole: at 100,000 open problems 15,000 are red or yellow, and a screen shows 100 of each
            List<LightKey> red = mapper.lightKeys("RED", OPEN_STATUSES).stream().sorted(LightSortKey.RED).toList();
            List<LightKey> yellow = mapper.lightKeys("YELLOW", OPEN_STATUSES).stream().sorted(LightSortKey.YELLOW).toList();
            List<Long> redIds = red.subList(0, Math.min(limit, red.size())).stream().map(LightKey::id).toList();
            List<Long> yellowIds = yellow.subList(0, Math.min(limit, yellow.size())).stream().map(LightKey::id).toList();
            Map<Long, LightRow> whole = new HashMap<>();
            List<Long> ids = Stream.concat(redIds.stream(), yellowIds.stream()).toList();
            for (int i = 0; i < ids.size(); i += IN_LIST_BATCH) {
                mapper.lightsById(ids.subList(i, Math.min(ids.size(), i + IN_LIST_BATCH)))
                        .forEach(r -> whole.put(r.id(), r));
            }
            // a problem whose light changed in between is left out (the next refresh shows it where it is)
            shownRed = redIds.stream().map(whole::get).filter(r -> r != null && "RED".equals(r.light())).toList();
            shownYellow = yellowIds.stream().map(whole::get).filter(r -> r != null && "YELLOW".equals(r.light())).toList();
            redCount = red.size();
            yellowCount = yellow.size();
        }
        Map<String, List<OpenTask>> tasks = openTasks(Stream.concat(shownRed.stream(), shownYellow.stream())
                .map(LightRow::processInstanceId).filter(Objects::nonNull).distinct().toList());
        return new Lights(at(now), redCount, yellowCount, limit,
                shownRed.stream().map(r -> entry(r, tasks, now)).toList(),
                shownYellow.stream().map(r -> entry(r, tasks, now)).toList());
    }

    private static Instant redSince(LightRow r) {
        return r.overdueAt() != null ? r.overdueAt() : r.deadlineAt();
    }

    private LightEntry entry(LightRow r, Map<String, List<OpenTask>> tasks, Instant now) {
        boolean red = "RED".equals(r.light());
        BigDecimal overdueDays = null;
        if (red && r.deadlineAt() != null) {
            long minutes = r.deadlineAt().isBefore(now) ? calendar.workingTimeBetween(r.deadlineAt(), now).toMinutes() : 0;
            overdueDays = BigDecimal.valueOf(minutes)
                    .divide(BigDecimal.valueOf(HandlingTime.MINUTES_PER_WORKING_DAY), 2, RoundingMode.HALF_UP);
        }
        Status status = Status.valueOf(r.status());
        return new LightEntry(r.id(), r.problemNo(), r.title(), r.enterpriseName(), r.creditCode(), r.light(),
                status.name(), status.label(), r.channel(), r.category(),
                new Holder(r.leadDepartment(), r.leadDepartment() == null ? "（未交办）"
                        : r.leadDepartmentName() == null ? r.leadDepartment() : r.leadDepartmentName()),
                at(r.deadlineAt()), r.deadlineAt() == null ? null : r.deadlineProvisional(), at(r.warnedAt()),
                red ? at(redSince(r)) : null, overdueDays, r.processInstanceId(),
                r.processInstanceId() == null ? List.of() : tasks.getOrDefault(r.processInstanceId(), List.of()));
    }

    /** Open tasks per process instance, a few hundred instances per query. */
    private Map<String, List<OpenTask>> openTasks(List<String> processInstanceIds) {
        Map<String, String> departmentNames = catalog.departments().stream()
                .collect(Collectors.toMap(Department::code, Department::name, (a, b) -> a));
        Map<String, Map<String, List<TaskRow>>> byInstance = new LinkedHashMap<>();
        for (int i = 0; i < processInstanceIds.size(); i += IN_LIST_BATCH) {
            List<String> batch = processInstanceIds.subList(i, Math.min(i + IN_LIST_BATCH, processInstanceIds.size()));
            for (TaskRow row : mapper.tasks(batch)) {
                byInstance.computeIfAbsent(row.processInstanceId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(row.taskId(), k -> new ArrayList<>()).add(row);
            }
        }
        Map<String, List<OpenTask>> result = new HashMap<>();
        byInstance.forEach((instance, byTask) -> result.put(instance, byTask.values().stream().map(rows -> {
            TaskRow first = rows.get(0);
            List<String> groups = rows.stream().map(TaskRow::candidateGroup).filter(Objects::nonNull).distinct().toList();
            List<String> names = groups.stream().map(g -> departmentNames.getOrDefault(g,
                    Role.ofGroup(g).map(Role::label).orElse(g))).toList();
            return new OpenTask(first.name(), first.assignee(), groups, names, at(first.createdAt()));
        }).toList()));
        return result;
    }

    // ---- names and order ------------------------------------------------------------------------------------------

    static String name(Dimension dimension, String key, String sqlName) {
        if (key == null) {
            return dimension.noneLabel();
        }
        return switch (dimension) {
            case DEPARTMENT, BOARD -> sqlName == null || sqlName.isBlank() ? key : sqlName;
            case LEVEL -> Arrays.stream(Level.values()).filter(l -> l.name().equals(key)).findFirst()
                    .map(Level::label).orElse(key);
            case CHANNEL -> Arrays.stream(Channel.values()).filter(c -> c.name().equals(key)).findFirst()
                    .map(Channel::label).orElse(key);
            case CATEGORY -> key;
        };
    }

    private static Comparator<String> order(Dimension dimension, Map<String, Tally> tallies, Map<String, OpenTally> open) {
        Comparator<String> noneLast = Comparator.comparing(k -> k == null);
        Comparator<String> byKey = Comparator.nullsLast(Comparator.naturalOrder());
        Comparator<String> within = switch (dimension) {
            case DEPARTMENT, BOARD -> Comparator.comparing((String k) -> catalogueOrder(k, tallies, open)).thenComparing(byKey);
            case LEVEL -> Comparator.comparing((String k) -> enumOrder(Level.values(), k)).thenComparing(byKey);
            case CHANNEL -> Comparator.comparing((String k) -> enumOrder(Channel.values(), k)).thenComparing(byKey);
            case CATEGORY -> Comparator.comparing((String k) -> -tallies.getOrDefault(k, Tally.empty(k)).received())
                    .thenComparing((String k) -> -open.getOrDefault(k, OpenTally.empty(k)).openCount()).thenComparing(byKey);
        };
        return noneLast.thenComparing(within);
    }

    private static int catalogueOrder(String key, Map<String, Tally> tallies, Map<String, OpenTally> open) {
        Integer order = tallies.containsKey(key) ? tallies.get(key).grpOrder() : null;
        if (order == null && open.containsKey(key)) {
            order = open.get(key).grpOrder();
        }
        return order == null ? Integer.MAX_VALUE : order;
    }

    private static int enumOrder(Enum<?>[] values, String key) {
        for (Enum<?> value : values) {
            if (value.name().equals(key)) {
                return value.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static <T> T first(List<T> rows, T none) {
        return rows.isEmpty() ? none : rows.get(0);
    }

    private OffsetDateTime now() {
        return at(EngineClock.now());
    }

    OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone()).toOffsetDateTime();
    }
}
