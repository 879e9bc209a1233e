package cn.qifu.bench;

import cn.qifu.bench.loop.LoopSection;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The benchmark suite (README, "Benchmarks"): {@code mvn -B -Pbench verify}. Runs the chosen sections against the real
 * MariaDB on databases of its own ({@code qifu_bench_*}), prints the table and writes it to
 * {@code <build dir>/bench/results.md} with the raw figures in results.csv and results.json.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Report report = new Report();
        report.fact("machine", machine());
        System.out.println("[bench] " + config);
        long start = System.nanoTime();
        int failed = 0;
        DatabaseServer server = DatabaseServer.configure(report);
        for (String section : config.sections()) {
            long t = System.nanoTime();
            BenchConfig own = config.forSection(section);
            if (own.scale() != config.scale() || own.repeats() != config.repeats()) {
                report.note("section " + section + ": scale " + own.scale() + ", " + own.repeats() + " repeat(s)");
            }
            try {
                switch (section) {
                    case "loop" -> LoopSection.run(own, report);
                    case "burst" -> cn.qifu.bench.burst.BurstSection.run(own, report);
                    case "queries" -> cn.qifu.bench.volume.QueriesSection.run(own, report);
                    case "scenario" -> cn.qifu.bench.scenario.ScenarioSection.run(own, report);
                    case "footprint" -> cn.qifu.bench.footprint.FootprintSection.run(own, report);
                    default -> report.note("section " + section + ": not written yet");
                }
            } catch (Exception | AssertionError e) {
                failed++;
                e.printStackTrace();
                report.note("section " + section + " FAILED: " + e);
            }
            report.note(String.format(Locale.ROOT, "section %s took %.1f min", section, (System.nanoTime() - t) / 60e9));
            report.write(config, (System.nanoTime() - start) / 1e9);
        }
        server.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        report.write(config, seconds);
        System.out.println();
        System.out.println(report.markdown(config, seconds));
        System.out.println("[bench] written to " + config.output().resolve("results.md"));
        Files.createDirectories(config.output());
        System.exit(failed == 0 ? 0 : 1);
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MB";
    }
}
