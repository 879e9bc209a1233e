package cn.qifu.bench.limit;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM used between {@link #start()} and {@link #stop()} (all its threads: clients, GC, JIT). On a shared
 * machine it moves much less than wall-clock throughput does, so it compares engines better than instances per second.
 */
public final class CpuTime implements Meter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long began = -1;
    private long nanos;

    @Override
    public void start() {
        began = os.getProcessCpuTime();
    }

    @Override
    public void stop() {
        if (began < 0) {
            throw new IllegalStateException("stop() without start()");
        }
        nanos = os.getProcessCpuTime() - began;
        began = -1;
    }

    /** CPU milliseconds of the last measured part divided by the units of work done in it. */
    public double millisPer(int units) {
        return nanos / 1e6 / units;
    }
}
