package cn.qifu.bench;

import java.util.Map;

/**
 * One measured run of the loop: how many instances went through in how many seconds with how many clients, and the
 * latency of every step (nanoseconds, one entry per execution of the step). Shared by every engine the suite compares.
 */
public record LoopRun(String engine, int clients, int instances, double seconds, Map<String, long[]> stepLatencyNanos) {

    public double perSecond() {
        return seconds <= 0 ? 0 : instances / seconds;
    }
}
