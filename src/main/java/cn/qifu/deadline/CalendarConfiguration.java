package cn.qifu.deadline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CalendarConfiguration {

    /**
     * The calendar every deadline is computed on. {@code qifu.calendar.end-of-day} is when a working day ends for
     * deadlines: "24:00" (midnight, the default) or a time such as "17:30".
     */
    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${qifu.calendar.end-of-day:24:00}") String endOfDay) {
        return new WorkingDayCalendar(HolidayTable.fromClasspath(HolidayTable.DEFAULT_RESOURCE),
                WorkingDayCalendar.DEFAULT_ZONE, endOfDay);
    }
}
