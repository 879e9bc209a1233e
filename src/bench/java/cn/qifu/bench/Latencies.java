package cn.qifu.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples per step, recorded by one thread; {@link #merge} joins the threads' samples. */
public class Latencies {

    private final Map<String, long[]> samples = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();

    public void record(String step, long nanos) {
        long[] a = samples.computeIfAbsent(step, k -> new long[64]);
        int n = sizes.getOrDefault(step, 0);
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            samples.put(step, a);
        }
        a[n] = nanos;
        sizes.put(step, n + 1);
    }

    /** Times the step and records it; returns its result. */
    public <T> T time(String step, java.util.function.Supplier<T> work) {
        long t = System.nanoTime();
        T result = work.get();
        record(step, System.nanoTime() - t);
        return result;
    }

    public void time(String step, Runnable work) {
        long t = System.nanoTime();
        work.run();
        record(step, System.nanoTime() - t);
    }

    public static Map<String, long[]> merge(Iterable<Latencies> parts) {
        Map<String, long[]> merged = new LinkedHashMap<>();
        for (Latencies part : parts) {
            for (Map.Entry<String, long[]> e : part.samples.entrySet()) {
                long[] mine = Arrays.copyOf(e.getValue(), part.sizes.get(e.getKey()));
                long[] before = merged.get(e.getKey());
                if (before == null) {
                    merged.put(e.getKey(), mine);
                } else {
                    long[] joined = Arrays.copyOf(before, before.length + mine.length);
                    System.arraycopy(mine, 0, joined, before.length, mine.length);
                    merged.put(e.getKey(), joined);
                }
            }
        }
        return merged;
    }
}
