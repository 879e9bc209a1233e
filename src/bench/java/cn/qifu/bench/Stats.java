package cn.qifu.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Medians, spreads and percentiles, the way the table shows them. */
public final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0–100, nearest rank) of the values, in milliseconds when they are nanoseconds. */
    public static double percentileMillis(long[] nanos, double p) {
        if (nanos == null || nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    public static double median(Collection<Double> values) {
        double[] v = values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static double min(Collection<Double> values) {
        return values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(Collection<Double> values) {
        return values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Concatenates the latency samples of several runs. */
    public static long[] concat(List<long[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        long[] all = new long[n];
        int i = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, i, part.length);
            i += part.length;
        }
        return all;
    }
}
