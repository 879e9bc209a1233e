package cn.qifu.deadline;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holiday years beyond the shipped file: an administrator loads a newly published year (no rebuild), it is kept in
 * the database, read again at every start, and every open deadline is computed anew.
 *
 * <p>With several nodes on one database, the node that took the load recomputes the deadlines; every other node sees
 * the years' revision change within {@code qifu.calendar.refresh-interval} (a one-number query) and reads the years
 * again, so all nodes count the same working days.
 */
@Service
@Order(5)
public class CalendarService implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CalendarService.class);

    private final WorkingDayCalendar calendar;
    private final HolidayYearMapper years;
    private final ApplicationEventPublisher events;
    /** The revision of the years this node last read (see {@link HolidayYearMapper#revision()}). */
    private final AtomicLong readRevision = new AtomicLong(-1);

    CalendarService(WorkingDayCalendar calendar, HolidayYearMapper years, ApplicationEventPublisher events) {
        this.calendar = calendar;
        this.years = years;
        this.events = events;
    }

    /** At start-up: the years loaded by administrators earlier override the shipped file. */
    @Override
    public void run(ApplicationArguments args) {
        readLoadedYears();
    }

    /** Another node loaded a year: read the years again (the deadlines were recomputed by that node). */
    @Scheduled(fixedDelayString = "${qifu.calendar.refresh-interval:PT30S}",
            initialDelayString = "${qifu.calendar.refresh-interval:PT30S}")
    public void refresh() {
        if (years.revision() != readRevision.get()) {
            readLoadedYears();
            log.info("节假日安排已由其他节点更新，已重新读取（修订 {}）", readRevision.get());
        }
    }

    private synchronized void readLoadedYears() {
        long revision = years.revision();
        for (String content : years.loadedContents()) {
            calendar.load(parse(content));
        }
        readRevision.set(revision);
    }

    /**
     * Loads the years of a holiday document (the format of {@code calendar/cn-holidays.yml}, one year or several),
     * keeps it, and recomputes the open deadlines in the same transaction.
     *
     * @throws IllegalArgumentException with the reason, when the document is not a valid holiday table
     */
    @Transactional
    public List<Integer> load(String content, String user) {
        HolidayTable table = parse(content);
        if (table.years().isEmpty()) {
            throw new IllegalArgumentException("节假日文件中没有任何年份 (no year in the holiday document)");
        }
        for (HolidayYear year : table.years()) {
            if (years.update(year.year(), year.source(), content, user) == 0) {
                years.insert(year.year(), year.source(), content, user);
            }
        }
        calendar.load(table);
        readRevision.set(years.revision());
        List<Integer> loaded = table.years().stream().map(HolidayYear::year).toList();
        log.info("节假日安排已导入: {} (by {})", loaded, user);
        events.publishEvent(new HolidayTableChanged(loaded));
        return loaded;
    }

    private static HolidayTable parse(String content) {
        return HolidayTable.parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }
}
