package cn.qifu.deadline;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** "Now" as the engine sees it, so that the ledger and the timers agree, also when a test moves the clock. */
public final class EngineClock {

    private EngineClock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
