package cn.qifu.bench.bare;

import cn.qifu.bench.LoopRun;
import cn.qifu.bench.limit.Meter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client threads working the loop-shaped process on a {@link LoopEngine}: each thread starts an instance and works its
 * five tasks one after the other (find, claim, complete with the variables the real loop sets), then takes the next
 * instance. Every step is timed. A warm-up runs first and is not counted: a tenth of the instances, and at least 200,
 * because the JIT needs about that many before a single client's steps stop getting faster.
 */
public final class LoopClients {

    /** One step of a clerk on the happy path of processes/problem-loop.bpmn. */
    public record Step(String name, String taskKey, String user, Map<String, Object> variables) {
    }

    public static final String START = "提出";

    public static final List<Step> STEPS = List.of(
            new Step("受理", "acceptProblem", "frontdesk1",
                    Map.of("acceptDecision", "ACCEPT", "timeLimitClass", "SINGLE_DEPARTMENT", "timeLimitDays", 3)),
            new Step("交办", "assignProblem", "dispatcher1", Map.of("route", "DEPARTMENT", "leadDepartment", "amr")),
            new Step("签收", "signFor", "amr1", Map.of("signDecision", "SIGN")),
            new Step("办理", "handleProblem", "amr1",
                    Map.of("handleDecision", "ANSWER", "answer", "已安排供电所于本周内完成现场勘查，并同步出具接入方案，预计两周内送电。")),
            new Step("审核", "reviewAnswer", "dispatcher1", Map.of("reviewDecision", "APPROVE")));

    private LoopClients() {
    }

    /**
     * Runs {@code instances} instances with {@code clients} threads after the warm-up; the meters (statements,
     * CPU time) see the measured part only.
     */
    public static LoopRun run(String engineName, LoopEngine engine, int clients, int instances,
                              Meter... meters) {
        int warmUp = Math.max(200, instances / 10);
        drive(engine, clients, warmUp, "W");
        for (Meter meter : meters) {
            meter.start();
        }
        long began = System.nanoTime();
        Map<String, long[]> latencies = drive(engine, clients, instances, "M");
        double seconds = (System.nanoTime() - began) / 1e9;
        for (Meter meter : meters) {
            meter.stop();
        }
        engine.checkAllFinished(warmUp + instances);
        return new LoopRun(engineName, clients, instances, seconds, latencies);
    }

    private static Map<String, long[]> drive(LoopEngine engine, int clients, int instances, String phase) {
        Map<String, long[]> latencies = new LinkedHashMap<>();
        latencies.put(START, new long[instances]);
        STEPS.forEach(step -> latencies.put(step.name(), new long[instances]));
        AtomicInteger next = new AtomicInteger();
        String run = phase + "-" + Long.toString(System.nanoTime(), 36) + "-";
        List<Callable<Void>> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(() -> {
                for (int i = next.getAndIncrement(); i < instances; i = next.getAndIncrement()) {
                    workOneInstance(engine, run + i, i, latencies);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (Future<Void> thread : pool.invokeAll(threads)) {
                thread.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return latencies;
    }

    private static void workOneInstance(LoopEngine engine, String businessKey, int i, Map<String, long[]> latencies) {
        long t = System.nanoTime();
        String instanceId = engine.start("channel1", businessKey, startVariables(businessKey));
        latencies.get(START)[i] = System.nanoTime() - t;
        for (Step step : STEPS) {
            t = System.nanoTime();
            String completed = engine.completeTask(step.user(), instanceId, step.variables());
            latencies.get(step.name())[i] = System.nanoTime() - t;
            if (!step.taskKey().equals(completed)) {
                throw new IllegalStateException(
                        businessKey + ": expected task " + step.taskKey() + ", was " + completed);
            }
        }
    }

    /** What the channel submits, plus the deadline and warning the real loop computes (far enough not to fire). */
    private static Map<String, Object> startVariables(String number) {
        Instant now = Instant.now();
        Map<String, Object> variables = new HashMap<>();
        variables.put("problemNumber", number);
        variables.put("creditCode", "91330521MA2B3C4D5Q");
        variables.put("enterpriseName", "浙江示例科技有限公司");
        variables.put("title", "新厂房用电报装进度慢");
        variables.put("category", "水电气网");
        variables.put("deadlineAt", Date.from(now.plus(5, ChronoUnit.DAYS)));
        variables.put("warningAt", Date.from(now.plus(4, ChronoUnit.DAYS)));
        return variables;
    }

    /** Instances per second, then p50 / p95 of every step in milliseconds. */
    public static String describe(LoopRun run) {
        StringBuilder text = new StringBuilder(String.format(
                "%s, %d client(s): %d instances in %.1f s = %.1f instances/s%n",
                run.engine(), run.clients(), run.instances(), run.seconds(), run.perSecond()));
        run.stepLatencyNanos().forEach((step, nanos) -> text.append(String.format(
                "  %-4s p50 %6.1f ms   p95 %6.1f ms%n",
                step, percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6)));
        return text.toString();
    }

    /** The nearest-rank percentile. */
    public static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
