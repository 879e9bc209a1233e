package cn.qifu.supervision.figures;

import cn.qifu.deadline.WorkingDayCalendar;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Fills {@code handling_working_minutes} of problems answered before the column existed (or answered by a version
 * that did not write it), at every start, in batches; nothing to do costs one query.
 */
@Component
class HandlingTimeBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HandlingTimeBackfill.class);
    private static final int BATCH = 500;

    private final FiguresMapper mapper;
    private final WorkingDayCalendar calendar;
    private final PastMonthTallies pastMonths;

    HandlingTimeBackfill(FiguresMapper mapper, WorkingDayCalendar calendar, PastMonthTallies pastMonths) {
        this.mapper = mapper;
        this.calendar = calendar;
        this.pastMonths = pastMonths;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int filled = fill();
            if (filled > 0) {
                log.info("办理时长：补算了 {} 个已答复问题的工作时长", filled);
            }
        } catch (RuntimeException e) {
            log.warn("办理时长补算未完成，下次启动时继续：{}", e.toString());
        }
    }

    int fill() {
        int filled = 0;
        long after = 0;
        List<FiguresMapper.AnsweredRow> batch;
        do {
            batch = mapper.answeredWithoutHandlingTime(after, BATCH);
            for (FiguresMapper.AnsweredRow row : batch) {
                Long minutes = HandlingTime.workingMinutes(calendar, row.acceptedAt(), row.answeredAt());
                if (minutes != null) {
                    filled += mapper.setHandlingTime(row.id(), minutes);
                }
                after = row.id();
            }
        } while (batch.size() == BATCH);
        if (filled > 0) {
            pastMonths.changedAll(); // 平均办理时长 of the months those problems count in
        }
        return filled;
    }
}
