package cn.qifu.supervision.figures;

import cn.qifu.deadline.WorkingDayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counts of months that have ended, counted once and kept (table qf_month_tally, V11): the trend reads twelve
 * kept rows and counts only the current month, instead of a year of the ledger at every request.
 *
 * <p>A month that has ended still changes (its problems are closed, rated, visited, reopened later), so every change
 * of a problem that the figures count adds one to its month's version in the same transaction ({@link #changed},
 * called by ProblemService), and a kept tally is used only while it was counted at the month's current version. A
 * tally is counted after reading the version and kept only if the version has not moved meanwhile; a change committed
 * during the count therefore makes the next trend count the month again instead of keeping what it missed.
 *
 * <p>"Ended" is by the wall clock, not the engine clock: the engine clock is moved by tests and demos, and a month
 * kept while the engine clock stood later must not be changed unseen while it stands earlier. A month is kept only
 * {@link #SETTLED} after its end, so that a step which began before the end (and saw no ended month) has committed.
 */
@Service
public class PastMonthTallies implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PastMonthTallies.class);
    static final Duration SETTLED = Duration.ofMinutes(10);
    private static final YearMonth FIRST = YearMonth.of(2000, 1);

    private final PastMonthTallyMapper kept;
    private final FiguresMapper figures;
    private final WorkingDayCalendar calendar;
    private final TransactionTemplate ownTransaction;

    PastMonthTallies(PastMonthTallyMapper kept, FiguresMapper figures, WorkingDayCalendar calendar,
                     PlatformTransactionManager transactions) {
        this.kept = kept;
        this.figures = figures;
        this.calendar = calendar;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The counts of these months (consecutive, oldest first), by label: kept ones read, the others counted. */
    Map<String, Tally> tallies(List<MonthPeriod> periods) {
        Instant now = Instant.now();
        List<MonthPeriod> settled = periods.stream().filter(p -> !p.to().plus(SETTLED).isAfter(now)).toList();
        List<MonthPeriod> recent = periods.stream().filter(p -> p.to().plus(SETTLED).isAfter(now)).toList();
        Map<String, Tally> tallies = new HashMap<>();
        if (!settled.isEmpty()) {
            kept.valid(settled.stream().map(MonthPeriod::label).toList())
                    .forEach(t -> tallies.put(t.grpKey().strip(), t));
            List<MonthPeriod> toCount = settled.stream().filter(p -> !tallies.containsKey(p.label())).toList();
            if (!toCount.isEmpty()) {
                rows(toCount);
                toCount.forEach(p -> tallies.put(p.label(), countAndKeep(p, now)));
            }
        }
        // the current month (and any after it), counted at every request, each on its own: grouping by a month label
        // computed per row cost three times the count of the month itself (600 ms instead of 200 at 160,000 problems)
        for (MonthPeriod p : recent) {
            tallies.put(p.label(), count(p));
        }
        return tallies;
    }

    /** Counts an ended month at its version and keeps the count if the month did not change meanwhile. */
    private Tally countAndKeep(MonthPeriod p, Instant now) {
        return ownTransaction.execute(status -> {
            Long version = kept.version(p.label());
            Tally tally = count(p);
            if (version != null) {
                kept.keep(p.label(), version, tally, now);
            }
            return tally;
        });
    }

    private Tally count(MonthPeriod p) {
        return figures.tally("all", p.from(), p.to()).stream().findFirst().map(t -> t.as(p.label()))
                .orElse(Tally.empty(p.label()));
    }

    /**
     * A problem changed in what the figures count: if its month has ended, its kept tally no longer counts. In the
     * transaction of the change, as its last statement (just before the commit): the month's row is locked from this
     * UPDATE to the commit, and on the morning after a holiday that began at a month's end thousands of deadlines of
     * that month fall due at once. The problems of one transaction are told once.
     */
    public void changed(long problemId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            kept.changed(problemId, Instant.now());
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> pending = (Set<Long>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<Long> problems = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, problems);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    Instant now = Instant.now();
                    problems.forEach(id -> kept.changed(id, now));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PastMonthTallies.this);
                }
            });
            pending = problems;
        }
        pending.add(problemId);
    }

    /** The ledger was changed outside ProblemService (an import, a repair by SQL): every month is counted again. */
    public void changedAll() {
        int months = kept.changedAll();
        log.info("月度统计：{} 个已结束月份的计数将重新统计", months);
    }

    // ---- the rows of the months ---------------------------------------------------------------------------------

    /** At start: a row for every month a problem counts in, up to the next month. */
    @Override
    public void run(ApplicationArguments args) {
        try {
            Instant earliest = kept.earliest();
            YearMonth next = YearMonth.from(Instant.now().atZone(calendar.zone())).plusMonths(1);
            YearMonth first = earliest == null ? next.minusMonths(1) : YearMonth.from(earliest.atZone(calendar.zone()));
            if (first.isBefore(FIRST)) {
                first = FIRST;
            }
            rows(months(first, next));
        } catch (RuntimeException e) {
            log.warn("月度统计：月份行未建好，趋势将逐月统计：{}", e.toString());
        }
    }

    /**
     * Every hour: the rows of this month and the next exist before they end, so that a change of an ended month always
     * finds its row (a row made later could miss a change committed while the month was first counted).
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void nextMonths() {
        YearMonth now = YearMonth.from(Instant.now().atZone(calendar.zone()));
        rows(months(now, now.plusMonths(1)));
    }

    private List<MonthPeriod> months(YearMonth first, YearMonth last) {
        return first.atDay(1).datesUntil(last.plusMonths(1).atDay(1), java.time.Period.ofMonths(1))
                .map(d -> MonthPeriod.of(YearMonth.from(d), calendar.zone())).toList();
    }

    private void rows(List<MonthPeriod> periods) {
        Set<String> existing = new HashSet<>(kept.existing(periods.stream().map(MonthPeriod::label).toList()));
        for (MonthPeriod p : periods) {
            if (!existing.contains(p.label())) {
                try {
                    ownTransaction.executeWithoutResult(s -> kept.create(p.label(), p.from(), p.to()));
                } catch (DuplicateKeyException e) {
                    // another node made it
                }
            }
        }
    }
}
