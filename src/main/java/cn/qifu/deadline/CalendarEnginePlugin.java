package cn.qifu.deadline;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Plugs the working-day calendar into the engine: timer durations and task due dates count working days, and timer
 * cycles may run on working days only ({@link WorkingDayCycleCalendar}).
 */
@Component
class CalendarEnginePlugin extends AbstractProcessEnginePlugin {

    private final WorkingDayCalendar calendar;

    CalendarEnginePlugin(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        WorkingDayBusinessCalendar workingDays = new WorkingDayBusinessCalendar(calendar);
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, workingDays);
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, workingDays);
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new WorkingDayCycleCalendar(calendar));
        configuration.setBusinessCalendarManager(calendars);
    }
}
