package cn.qifu.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The working-day calendar as the system uses it: the front desk's due date, the health check, a new year loaded. */
abstract class CalendarContract {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    WorkingDayCalendar calendar;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ResponseEntity<JsonNode> deadline(String from, String days) {
        return http.withBasicAuth("frontdesk1", "demo").getForEntity(
                "/api/calendar/deadline?from={from}&workingDays={days}", JsonNode.class, from, days);
    }

    @Test
    void theFrontDeskToldTheDueDate() {
        // a 1-day problem accepted the day before 国庆+中秋 2025 is due at the end of 2025-10-09
        ResponseEntity<JsonNode> national = deadline("2025-09-30T16:00:00+08:00", "1");
        assertThat(national.getStatusCode().value()).isEqualTo(200);
        assertThat(national.getBody().get("deadline").asText()).isEqualTo("2025-10-10T00:00+08:00");
        assertThat(national.getBody().get("dueDate").asText()).isEqualTo("2025-10-09");
        assertThat(national.getBody().get("provisional").asBoolean()).isFalse();
        // the adjusted working Sunday 2025-09-28 counts
        assertThat(deadline("2025-09-26T09:00:00+08:00", "1").getBody().get("deadline").asText())
                .isEqualTo("2025-09-29T00:00+08:00");
        // UTC input, 春节 2026 (02-15..02-23 off, Sat 02-14 and Sat 02-28 worked): 3 working days from Fri 02-13
        assertThat(deadline("2026-02-13T02:00:00Z", "3").getBody().get("dueDate").asText()).isEqualTo("2026-02-25");
        // a year not published (2028: no test loads it) counts weekdays only and is provisional
        assertThat(deadline("2028-12-28T10:00:00+08:00", "5").getBody().get("provisional").asBoolean()).isTrue();
    }

    @Test
    void badCalendarQueriesAreRefusedWithTheField() {
        Object[][] cases = {
            {"2025-13-01T00:00:00+08:00", "1", "from", "INVALID_FORMAT"},
            {"2025-09-30", "1", "from", "INVALID_FORMAT"},
            {"2025-09-30T16:00:00+08:00", "x", "workingDays", "INVALID_FORMAT"},
            {"2025-09-30T16:00:00+08:00", "0", "workingDays", "OUT_OF_RANGE"},
            {"2025-09-30T16:00:00+08:00", "999", "workingDays", "OUT_OF_RANGE"},
        };
        for (Object[] c : cases) {
            ResponseEntity<JsonNode> refused = deadline((String) c[0], (String) c[1]);
            assertThat(refused.getStatusCode().value()).as(c[0] + " " + c[1]).isEqualTo(400);
            assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo(c[2]);
            assertThat(refused.getBody().get("errors").get(0).get("code").asText()).isEqualTo(c[3]);
        }
        ResponseEntity<JsonNode> missing = http.withBasicAuth("frontdesk1", "demo")
                .getForEntity("/api/calendar/deadline?workingDays=1", JsonNode.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody().get("errors").get(0).get("field").asText()).isEqualTo("from");
    }

    /**
     * Late December 2026, with 2027 not yet published: a 5-day problem counts 2027-01-01 as a weekday and is marked
     * provisional; the health check names 2027. An administrator loads 2027 (元旦 01-01..01-03 off): the open deadline,
     * its timers and its light move, and it is no longer provisional.
     */
    @Test
    void loadingANewYearRecomputesOpenDeadlines() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-12-28T10:00:00+08:00").toInstant()));
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.at("/components/holidayCalendar/details/missingYears").toString()).isEqualTo("[2027]");
        assertThat(health.at("/components/holidayCalendar/details/notice").asText()).contains("2027");

        long id = submitAndAccept("CROSS");
        Problem before = problems.get(id);
        assertThat(before.dueDate()).hasToString("2027-01-04");
        assertThat(before.deadlineProvisional()).isTrue();

        String year2027 = """
                year: 2027
                source: "测试用：2027年节假日安排（假设，仅供测试）"
                holidays:
                  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
                adjustedWorkingDays: []
                """;
        HttpHeaders yaml = new HttpHeaders();
        yaml.setContentType(MediaType.parseMediaType("application/yaml"));
        assertThat(http.withBasicAuth("supervisor1", "demo").exchange("/api/calendar/years",
                org.springframework.http.HttpMethod.PUT, new HttpEntity<>(year2027, yaml), JsonNode.class)
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> invalid = http.withBasicAuth("demo", "demo").exchange("/api/calendar/years",
                org.springframework.http.HttpMethod.PUT, new HttpEntity<>("year: 2027\nsource: x\nadjustedWorkingDays: [2027-01-06]\n", yaml),
                JsonNode.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getBody().get("errors").get(0).get("message").asText()).contains("2027-01-06");

        ResponseEntity<JsonNode> loaded = http.withBasicAuth("demo", "demo").exchange("/api/calendar/years",
                org.springframework.http.HttpMethod.PUT, new HttpEntity<>(year2027, yaml), JsonNode.class);
        assertThat(loaded.getStatusCode().value()).isEqualTo(200);
        assertThat(loaded.getBody().get("loaded").toString()).isEqualTo("[2027]");

        Problem after = problems.get(id);
        assertThat(after.dueDate()).hasToString("2027-01-05");
        assertThat(after.deadlineAt()).isEqualTo(OffsetDateTime.parse("2027-01-06T00:00:00+08:00").toInstant());
        assertThat(after.deadlineProvisional()).isFalse();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(after.processInstanceId())
                .activityId("deadlineReached").singleResult().getDuedate()).isEqualTo(Date.from(after.deadlineAt()));
        assertThat(problems.timeline(id)).anyMatch(e -> e.action().name().equals("DEADLINE_RECOMPUTED"));
        assertThat(http.getForObject("/actuator/health", JsonNode.class)
                .at("/components/holidayCalendar/details/missingYears").size()).isZero();
        assertThat(calendar.isWorkingDay(java.time.LocalDate.of(2027, 1, 1))).isFalse();
    }

    private long submitAndAccept(String problemClass) {
        Map<String, Object> body = new HashMap<>();
        String first17 = "91330521" + "0000000" + "77";
        body.put("creditCode", first17 + cn.qifu.problem.CreditCode.checkCharacter(first17));
        body.put("enterpriseName", "跨年测试企业");
        body.put("contactName", "李四");
        body.put("contactPhone", "13900000000");
        body.put("channel", "ONLINE");
        body.put("title", "跨年问题");
        body.put("description", "测试跨年期限");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        long id = http.withBasicAuth("channel1", "demo").postForObject("/api/problems", new HttpEntity<>(body, json),
                JsonNode.class).get("id").asLong();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(problems.get(id).processInstanceId())
                .singleResult().getId();
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember("frontdesk1").list().stream()
                .map(Group::getId).toList();
        engine.getIdentityService().setAuthentication("frontdesk1", groups);
        try {
            engine.getTaskService().complete(task, Map.of("acceptDecision", "ACCEPT", "problemClass", problemClass,
                    "category", "其他"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        return id;
    }
}
