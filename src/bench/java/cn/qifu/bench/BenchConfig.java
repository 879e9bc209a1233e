package cn.qifu.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What to run, from system properties: {@code bench.sections} (loop, burst, queries, scenario, footprint),
 * {@code bench.scale} (1 = the sizes of the issue; 0.1 for a quick trial), {@code bench.repeats}, {@code bench.output};
 * per section {@code bench.<section>.scale} and {@code bench.<section>.repeats} (see {@link #forSection}).
 */
public record BenchConfig(Set<String> sections, double scale, int repeats, Path output, Path basedir) {

    public static final Set<String> ALL = Set.of("loop", "burst", "queries", "scenario", "footprint");

    public static BenchConfig fromSystemProperties() {
        Set<String> sections = new LinkedHashSet<>();
        String wanted = System.getProperty("bench.sections", "loop,burst,queries,scenario,footprint");
        for (String s : wanted.split("[,\\s]+")) {
            String section = s.strip().toLowerCase(Locale.ROOT);
            if (section.isEmpty()) {
                continue;
            }
            if (section.equals("all")) {
                sections.addAll(ALL);
            } else if (!ALL.contains(section)) {
                throw new IllegalArgumentException("unknown section " + section + "; known: " + ALL);
            } else {
                sections.add(section);
            }
        }
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        int repeats = Math.max(1, Integer.parseInt(System.getProperty("bench.repeats", "3")));
        Path output = Path.of(System.getProperty("bench.output", "target/bench")).toAbsolutePath();
        Path basedir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath();
        return new BenchConfig(sections, scale, repeats, output, basedir);
    }

    /** A size of the issue, scaled, never below {@code floor}. */
    public int scaled(int full, int floor) {
        return Math.max(floor, (int) Math.round(full * scale));
    }

    /**
     * This configuration with a section's own scale and repeats where given ({@code bench.<section>.scale},
     * {@code bench.<section>.repeats}): e.g. the loop at half its problems while the volume stays at full size.
     */
    public BenchConfig forSection(String section) {
        double s = Double.parseDouble(System.getProperty("bench." + section + ".scale", Double.toString(scale)));
        int r = Math.max(1, Integer.parseInt(System.getProperty("bench." + section + ".repeats", Integer.toString(repeats))));
        return new BenchConfig(sections, s, r, output, basedir);
    }

    public boolean runs(String section) {
        return sections.contains(section);
    }

    @Override
    public String toString() {
        return "sections " + sections + ", scale " + scale + ", repeats " + repeats + ", output " + output;
    }
}
