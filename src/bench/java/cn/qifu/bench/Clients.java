package cn.qifu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs {@code count} pieces of work on {@code clients} threads, each thread taking the next number until none is left. */
public final class Clients {

    private Clients() {
    }

    public interface Work {
        void run(int n, Latencies latencies) throws Exception;
    }

    /** The result: the wall time and every thread's latencies. */
    public record Result(double seconds, List<Latencies> latencies, int failures, Throwable firstFailure) {
    }

    public static Result run(int clients, int count, int firstNumber, Work work) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            futures.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < count) {
                    try {
                        work.run(firstNumber + n, mine);
                    } catch (Exception | AssertionError e) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (first.get() != null) {
            System.out.println("[bench] " + failures.get() + " of " + count + " failed; first: " + first.get());
        }
        return new Result(seconds, latencies, failures.get(), first.get());
    }
}
