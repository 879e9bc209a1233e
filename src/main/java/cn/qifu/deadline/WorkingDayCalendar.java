package cn.qifu.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Chinese working-day calendar: Monday–Friday, minus the published days off (放假调休), plus the published
 * working weekends (调休上班). A year whose notice is not loaded counts as Monday–Friday only, and deadlines that
 * touch such a year are marked provisional.
 *
 * <p>Thread-safe. The holiday data is an immutable snapshot behind an {@link AtomicReference}: {@link #load}
 * swaps in a new snapshot, readers never lock, and each method works on one snapshot from start to end.
 *
 * <p>End of day: "24:00" (the default) means a due date ends at 00:00 of the following calendar day, so the whole
 * due date is available; any other "HH:mm" is that local time on the due date itself.
 */
public final class WorkingDayCalendar {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final String DEFAULT_END_OF_DAY = "24:00";

    private final ZoneId zone;
    /** null means "24:00", i.e. the start of the next day. */
    private final LocalTime endOfDay;
    private final AtomicReference<Snapshot> snapshot;

    public WorkingDayCalendar(HolidayTable table) {
        this(table, DEFAULT_ZONE, DEFAULT_END_OF_DAY);
    }

    public WorkingDayCalendar(HolidayTable table, ZoneId zone, String endOfDay) {
        Objects.requireNonNull(table, "table");
        this.zone = zone == null ? DEFAULT_ZONE : zone;
        this.endOfDay = parseEndOfDay(endOfDay);
        this.snapshot = new AtomicReference<>(Snapshot.of(table.years()));
    }

    private static LocalTime parseEndOfDay(String value) {
        String v = value == null || value.isBlank() ? DEFAULT_END_OF_DAY : value.strip();
        if (v.equals("24:00")) {
            return null;
        }
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("下班时间须为 HH:mm 或 24:00 / end of day must be HH:mm or 24:00, was: " + value, e);
        }
    }

    // ---- loading --------------------------------------------------------------------------------------------

    /** Adds a year or replaces the loaded one, atomically. */
    public void load(HolidayYear year) {
        Objects.requireNonNull(year, "year");
        snapshot.updateAndGet(s -> s.with(List.of(year)));
    }

    /** Adds or replaces every year of the table in one step. */
    public void load(HolidayTable table) {
        snapshot.updateAndGet(s -> s.with(table.years()));
    }

    /** The loaded data, e.g. to show or export it. */
    public HolidayTable table() {
        return new HolidayTable(snapshot.get().years.values());
    }

    public Optional<HolidayYear> year(int year) {
        return Optional.ofNullable(snapshot.get().years.get(year));
    }

    public boolean isPublished(int year) {
        return snapshot.get().years.containsKey(year);
    }

    public SortedSet<Integer> publishedYears() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(snapshot.get().years.keySet()));
    }

    /**
     * Years from the first loaded one up to next year that are not loaded — what an administrator should add.
     * With nothing loaded, this year and next.
     */
    public List<Integer> missingYears(LocalDate today) {
        Snapshot s = snapshot.get();
        int first = s.years.isEmpty() ? today.getYear() : s.years.firstKey();
        List<Integer> missing = new ArrayList<>();
        for (int y = first; y <= today.getYear() + 1; y++) {
            if (!s.years.containsKey(y)) {
                missing.add(y);
            }
        }
        return missing;
    }

    // ---- days -----------------------------------------------------------------------------------------------

    public boolean isWorkingDay(LocalDate d) {
        return snapshot.get().isWorkingDay(d);
    }

    /** True if some year of [from, to] (either order) has no loaded notice. */
    public boolean isProvisional(LocalDate from, LocalDate to) {
        return snapshot.get().isProvisional(from, to);
    }

    /**
     * The deadline of a problem accepted at {@code acceptedAt} with {@code workingDays} days to act: the day of
     * acceptance is not counted; the deadline is the end of the Nth working day after it.
     */
    public Deadline deadline(Instant acceptedAt, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("办理时限至少 1 个工作日 / workingDays must be at least 1, was " + workingDays);
        }
        Snapshot s = snapshot.get();
        LocalDate accepted = LocalDate.ofInstant(acceptedAt, zone);
        LocalDate due = s.plusWorkingDays(accepted, workingDays);
        return new Deadline(endOfDay(due), due, s.isProvisional(accepted.plusDays(1), due), zone);
    }

    /** The nth working day after {@code d} (n > 0), or before it (n < 0); {@code d} itself for n = 0. */
    public LocalDate plusWorkingDays(LocalDate d, int n) {
        return snapshot.get().plusWorkingDays(d, n);
    }

    /** The first working day strictly after {@code d}. */
    public LocalDate nextWorkingDay(LocalDate d) {
        return plusWorkingDays(d, 1);
    }

    /** Working days in (fromExclusive, toInclusive]; negative (minus those in (to, from]) when to is before from. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        if (toInclusive.isBefore(fromExclusive)) {
            return -workingDaysBetween(toInclusive, fromExclusive);
        }
        Snapshot s = snapshot.get();
        int count = 0;
        for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
            if (s.isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    // ---- instants -------------------------------------------------------------------------------------------

    public Instant startOfDay(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    /** When a day ends for deadlines: 00:00 of the next day with "24:00", otherwise the configured local time. */
    public Instant endOfDay(LocalDate d) {
        return endOfDay == null ? startOfDay(d.plusDays(1)) : d.atTime(endOfDay).atZone(zone).toInstant();
    }

    /**
     * The part of [a, b) that lies on working days (each working day counts all of its 24 hours in the zone) —
     * the time a stopped clock must give back. Negative if b is before a.
     */
    public Duration workingTimeBetween(Instant a, Instant b) {
        if (b.isBefore(a)) {
            return workingTimeBetween(b, a).negated();
        }
        Snapshot s = snapshot.get();
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(b, zone);
        for (LocalDate d = LocalDate.ofInstant(a, zone); !d.isAfter(last); d = d.plusDays(1)) {
            if (s.isWorkingDay(d)) {
                Instant from = max(a, startOfDay(d));
                Instant to = min(b, startOfDay(d.plusDays(1)));
                if (from.isBefore(to)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    /**
     * Walks forward from {@code t}, consuming {@code d} on working days only (time on days off is skipped).
     * The result always lies on a working day: when d runs out exactly at the end of a working day, or t is on a
     * day off and d is zero, the answer is the start of the next working day. That makes it the one instant on a
     * working day at working distance d from t, so {@code plusWorkingTime(a, workingTimeBetween(a, b)) == b} for
     * every b on a working day.
     */
    public Instant plusWorkingTime(Instant t, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("工作时长不能为负 / duration must not be negative: " + d);
        }
        Snapshot s = snapshot.get();
        Duration remaining = d;
        LocalDate day = LocalDate.ofInstant(t, zone);
        Instant cursor = t;
        while (true) {
            Instant nextStart = startOfDay(day.plusDays(1));
            if (s.isWorkingDay(day)) {
                Duration left = Duration.between(cursor, nextStart);
                if (remaining.compareTo(left) < 0) {
                    return cursor.plus(remaining);
                }
                remaining = remaining.minus(left);
            }
            day = day.plusDays(1);
            cursor = nextStart;
            if (remaining.isZero() && s.isWorkingDay(day)) {
                return cursor;
            }
        }
    }

    public ZoneId zone() {
        return zone;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ---- the immutable data behind the calendar -------------------------------------------------------------

    private record Snapshot(SortedMap<Integer, HolidayYear> years, Set<LocalDate> daysOff, Set<LocalDate> workingWeekends) {

        static Snapshot of(Collection<HolidayYear> years) {
            SortedMap<Integer, HolidayYear> map = new TreeMap<>();
            years.forEach(y -> map.put(y.year(), y));
            Set<LocalDate> off = new HashSet<>();
            Set<LocalDate> on = new HashSet<>();
            for (HolidayYear y : map.values()) {
                off.addAll(y.holidayDates());
                on.addAll(y.adjustedWorkingDays());
            }
            return new Snapshot(Collections.unmodifiableSortedMap(map), Set.copyOf(off), Set.copyOf(on));
        }

        Snapshot with(Collection<HolidayYear> added) {
            TreeMap<Integer, HolidayYear> map = new TreeMap<>(years);
            added.forEach(y -> map.put(y.year(), y));
            return of(map.values());
        }

        boolean isWorkingDay(LocalDate d) {
            if (daysOff.contains(d)) {
                return false;
            }
            if (workingWeekends.contains(d)) {
                return true;
            }
            DayOfWeek dow = d.getDayOfWeek();
            return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
        }

        boolean isProvisional(LocalDate from, LocalDate to) {
            int first = Math.min(from.getYear(), to.getYear());
            int last = Math.max(from.getYear(), to.getYear());
            for (int y = first; y <= last; y++) {
                if (!years.containsKey(y)) {
                    return true;
                }
            }
            return false;
        }

        LocalDate plusWorkingDays(LocalDate d, int n) {
            int step = n < 0 ? -1 : 1;
            int remaining = Math.abs(n);
            LocalDate cursor = d;
            while (remaining > 0) {
                cursor = cursor.plusDays(step);
                if (isWorkingDay(cursor)) {
                    remaining--;
                }
            }
            return cursor;
        }
    }
}
