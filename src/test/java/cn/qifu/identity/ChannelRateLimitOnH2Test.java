package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.CreditCode;
import cn.qifu.problem.ProblemService;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each channel client writes at its own rate (qifu.api.rate-limit): beyond its burst it is answered 429 with
 * Retry-After, while another channel client, the staff and the reads go on; and a client that retries one submission
 * under load, obeying Retry-After, still gets exactly one problem.
 */
@OnH2
class ChannelRateLimitOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    JdbcTemplate jdbc;

    RawHttp http;

    /** Channel clients of their own, so that no other test's channel1 finds its bucket empty. */
    @BeforeEach
    void channelClients() {
        http = new RawHttp(port);
        for (String id : List.of("ratechannelA", "ratechannelB", "ratechannelStorm")) {
            IdentityService identity = engine.getIdentityService();
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setFirstName("限流测试渠道");
                user.setLastName(id);
                user.setPassword("demo");
                identity.saveUser(user);
                identity.createMembership(id, Role.CHANNEL.groupId());
            }
        }
    }

    static Map<String, Object> submission(int n) {
        String first17 = "91330566" + String.format("%09d", n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", first17 + CreditCode.checkCharacter(first17));
        body.put("enterpriseName", "限流测试企业" + n);
        body.put("contactName", "周九");
        body.put("contactPhone", "13900000000");
        body.put("channel", "PLATFORM");
        body.put("title", "重复提交测试");
        body.put("description", "渠道在高负载下按 Retry-After 重试");
        return body;
    }

    long storedProblems() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM qf_problem", Long.class);
    }

    /** Writes (an empty body: refused as input, but a write all the same) from 8 threads until one is turned away. */
    RawHttp.Response exhaust(String client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            ConcurrentLinkedQueue<RawHttp.Response> turnedAway = new ConcurrentLinkedQueue<>();
            AtomicInteger sent = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    while (turnedAway.isEmpty() && sent.incrementAndGet() < 5000) {
                        RawHttp.Response r = http.postJson(client, "/api/problems", Map.of());
                        if (r.status() == 429) {
                            turnedAway.add(r);
                        } else {
                            assertThat(r.status()).as(r.text()).isEqualTo(400);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
            assertThat(turnedAway).as("a client beyond its burst is turned away (after %d writes)", sent.get()).isNotEmpty();
            return turnedAway.peek();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClientBeyondItsBurstIsTurnedAwayAndOnlyIt() throws Exception {
        long before = storedProblems();
        RawHttp.Response tooMany = exhaust("ratechannelA");
        assertThat(tooMany.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(tooMany.json().path("message").asText()).contains("请求过于频繁").contains("秒后重试");
        long retryAfter = Long.parseLong(tooMany.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 5L);
        // valid submissions at once, from 8 threads: the ones turned away store nothing
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = 100 + i;
            answers.add(pool.submit(() -> http.postJson("ratechannelA", "/api/problems", submission(n))));
        }
        int created = 0;
        int refused = 0;
        for (Future<RawHttp.Response> answer : answers) {
            RawHttp.Response r = answer.get(120, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.text()).isIn(201, 429);
            created += r.status() == 201 ? 1 : 0;
            refused += r.status() == 429 ? 1 : 0;
        }
        pool.shutdownNow();
        assertThat(refused).as("an empty bucket refills at its rate, not at once").isPositive();
        assertThat(storedProblems()).isEqualTo(before + created);

        // at the same time: another channel, the staff, and the limited client's own reads go on
        RawHttp.Response other = http.postJson("ratechannelB", "/api/problems", submission(2));
        assertThat(other.status()).as(other.text()).isEqualTo(201);
        assertThat(http.postJson("frontdesk1", "/api/problems", Map.of()).status()).isEqualTo(400);
        assertThat(http.get("ratechannelA", "/api/problems?creditCode=" + submission(100).get("creditCode")).status())
                .isEqualTo(200);

        // and after Retry-After, the client writes again
        Thread.sleep(retryAfter * 1000);
        RawHttp.Response again = http.postJson("ratechannelA", "/api/problems", submission(1));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
    }

    /**
     * 8 threads of one channel client send the same submission (one Idempotency-Key) 200 times; turned away, a thread
     * waits what Retry-After says and sends it again. One problem, and every answer names it.
     */
    @Test
    void theIdempotentRepeatSurvivesAClientRetryingUnderLoad() throws Exception {
        String client = "ratechannelStorm";
        exhaust(client);
        Map<String, Object> body = submission(3);
        Map<String, String> key = Map.of("Idempotency-Key", "storm-" + System.nanoTime());
        ConcurrentLinkedQueue<String> numbers = new ConcurrentLinkedQueue<>();
        AtomicInteger turnedAway = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        AtomicInteger remaining = new AtomicInteger(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        while (true) {
                            RawHttp.Response r = http.postJson(client, "demo", "/api/problems", body, key);
                            if (r.status() == 429) {
                                turnedAway.incrementAndGet();
                                Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
                                continue;
                            }
                            assertThat(r.status()).as(r.text()).isEqualTo(201);
                            numbers.add(r.json().path("number").asText());
                            if ("true".equals(r.header("Idempotency-Replayed"))) {
                                replayed.incrementAndGet();
                            }
                            break;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(numbers).hasSize(200);
        Set<String> distinct = new HashSet<>(numbers);
        assertThat(distinct).as("every answer names the same problem").hasSize(1);
        assertThat(replayed.get()).as("all but the first are replays").isEqualTo(199);
        assertThat(turnedAway.get()).as("the load went past the limit").isPositive();
        assertThat(problems.byCreditCode((String) body.get("creditCode"), 10)).as("exactly one problem").hasSize(1)
                .allSatisfy(p -> assertThat(p.problemNo()).isEqualTo(distinct.iterator().next()));
    }
}
