package cn.qifu.problem;

import static cn.qifu.problem.LoopDriver.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every path of the loop 受理 → 交办 → 办理 → 反馈 → 评价, end to end through the deployed BPMN, with the engine clock
 * moved. Run on each database by the subclasses.
 */
abstract class ProblemLoopContract {

    /** Tuesday 2025-06-03, 10:00 in Zhejiang: a 3-day problem accepted now is due at the end of Friday 06-06. */
    static final String TUESDAY = "2025-06-03T10:00:00+08:00";

    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    TestRestTemplate http;

    LoopDriver loop;

    @BeforeEach
    void setUp() {
        loop = new LoopDriver(engine, problems, http);
        clockAt(TUESDAY);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void closedOnTimeAndRatedSatisfied() {
        long id = loop.submit(1);
        Problem submitted = loop.problem(id);
        assertThat(submitted.problemNo()).matches("QF20250603-\\d{6}");
        assertThat(submitted.status()).isEqualTo(Status.PENDING_ACCEPTANCE);
        assertThat(loop.task(id, "acceptProblem").getDueDate()).isEqualTo(Date.from(at("2025-06-05T00:00:00+08:00")));

        loop.accept(id, "SINGLE");
        Problem accepted = loop.problem(id);
        assertThat(accepted.status()).isEqualTo(Status.ASSIGNING);
        assertThat(accepted.timeLimitDays()).isEqualTo(3);
        assertThat(accepted.board()).isEqualTo("project");
        assertThat(accepted.deadlineAt()).isEqualTo(at("2025-06-07T00:00:00+08:00"));
        assertThat(accepted.dueDate()).hasToString("2025-06-06");
        assertThat(accepted.warningAt()).isEqualTo(at("2025-06-06T00:00:00+08:00"));
        assertThat(accepted.escalateAt()).isEqualTo(at("2025-06-11T00:00:00+08:00"));
        assertThat(loop.timer(id, "deadlineReached").getDuedate()).isEqualTo(Date.from(accepted.deadlineAt()));
        assertThat(loop.timer(id, "warningReached").getDuedate()).isEqualTo(Date.from(accepted.warningAt()));
        assertThat(loop.timer(id, "escalationReached").getDuedate()).isEqualTo(Date.from(accepted.escalateAt()));
        assertThat(loop.task(id, "assignProblem").getDueDate()).isEqualTo(Date.from(accepted.deadlineAt()));
        // the DMN's suggestion reaches the dispatcher's form
        assertThat(engine.getRuntimeService().getVariable(accepted.processInstanceId(), "suggestedLead")).isEqualTo("amr");

        loop.assign(id, "amr", List.of());
        assertThat(loop.task(id, "signFor")).isNotNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(loop.task(id, "signFor").getId()))
                .anyMatch(link -> "amr".equals(link.getGroupId()));
        loop.sign(id, "amr");
        loop.answer(id, "amr");
        assertThat(loop.problem(id).status()).isEqualTo(Status.REVIEWING);
        loop.approve(id);
        assertThat(loop.problem(id).status()).isEqualTo(Status.AWAITING_RATING);
        assertThat(loop.timer(id, "deadlineReached")).as("timers end with the stage").isNull();

        ResponseEntity<JsonNode> rated = loop.rate(id, "SATISFIED");
        assertThat(rated.getStatusCode().value()).isEqualTo(200);
        Problem closed = loop.problem(id);
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.rating()).isEqualTo(Rating.SATISFIED);
        assertThat(closed.light()).isEqualTo("GREEN");
        assertThat(closed.overdue()).isFalse();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(closed.processInstanceId()).count()).isZero();
        assertThat(loop.actions(id)).containsExactly("SUBMITTED", "ACCEPTED", "ASSIGNED", "SIGNED", "ANSWER_PROPOSED",
                "REVIEW_APPROVED", "REPLIED", "EVALUATED", "CLOSED");
        assertThat(problems.timeline(id)).filteredOn(e -> e.action() == Action.SIGNED)
                .extracting(TimelineEvent::actor).containsExactly("amr1");

        JsonNode view = loop.view(id);
        assertThat(view.get("deadline").asText()).isEqualTo("2025-06-07T00:00:00+08:00");
        assertThat(view.get("light").asText()).isEqualTo("GREEN");
        assertThat(view.get("stage").asText()).isEqualTo("CLOSED");
        assertThat(view.get("timeline")).hasSize(9);
        assertThat(view.get("departments").get(0).get("name").asText()).isEqualTo("市场监管局");
    }

    @Test
    void refusedWithAReason() {
        long id = loop.submit(2);
        assertThatThrownBy(() -> loop.complete(id, "acceptProblem", "frontdesk1", "acceptDecision", "REFUSE"))
                .hasMessageContaining("refuseReason");
        loop.complete(id, "acceptProblem", "frontdesk1", "acceptDecision", "REFUSE", "refuseReason", "属于司法诉讼范围");
        Problem refused = loop.problem(id);
        assertThat(refused.status()).isEqualTo(Status.REFUSED);
        assertThat(refused.closedAt()).isNotNull();
        assertThat(problems.timeline(id)).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.REFUSED);
            assertThat(e.reason()).isEqualTo("属于司法诉讼范围");
            assertThat(e.actor()).isEqualTo("frontdesk1");
        });
    }

    @Test
    void mergedIntoAnOpenDuplicate() {
        long first = loop.submit(3);
        long duplicate = loop.submit(3);
        assertThatThrownBy(() -> loop.complete(duplicate, "acceptProblem", "frontdesk1", "acceptDecision", "MERGE",
                "mergeInto", "QF00000000-000000")).hasMessageContaining("并件目标");
        assertThat(loop.task(duplicate, "acceptProblem")).as("still open after the refusal").isNotNull();

        loop.complete(duplicate, "acceptProblem", "frontdesk1", "acceptDecision", "MERGE",
                "mergeInto", loop.problem(first).problemNo());
        Problem merged = loop.problem(duplicate);
        assertThat(merged.status()).isEqualTo(Status.MERGED);
        assertThat(merged.mergedInto()).isEqualTo(first);
        assertThat(problems.timeline(first)).anyMatch(e -> e.action() == Action.MERGED
                && e.detail().contains(merged.problemNo()));
        assertThat(loop.view(duplicate).get("mergedInto").asText()).isEqualTo(loop.problem(first).problemNo());
    }

    @Test
    void answeredAtOnceThenRated() {
        long id = loop.submit(4);
        loop.complete(id, "acceptProblem", "frontdesk1", "acceptDecision", "ANSWER_NOW",
                "immediateAnswer", "政策原文见县政府网站，符合条件即可申报。");
        assertThat(loop.problem(id).status()).isEqualTo(Status.AWAITING_RATING);
        assertThat(loop.problem(id).answer()).startsWith("政策原文");
        assertThat(loop.rate(id, "BASICALLY_SATISFIED").getStatusCode().value()).isEqualTo(200);
        assertThat(loop.problem(id).status()).isEqualTo(Status.CLOSED);
        assertThat(loop.actions(id)).containsExactly("SUBMITTED", "ANSWERED_AT_ONCE", "EVALUATED", "CLOSED");
    }

    @Test
    void returnedByTheDepartmentAndReassigned() {
        long id = loop.submit(5);
        loop.accept(id, "SINGLE");
        loop.assign(id, "tax", List.of());
        loop.complete(id, "signFor", "tax1", "signDecision", "RETURN", "signReason", "属市场监管职责");
        assertThat(loop.problem(id).status()).isEqualTo(Status.ASSIGNING);
        assertThat(loop.task(id, "assignProblem")).isNotNull();

        loop.assign(id, "amr", List.of());
        assertThat(loop.problem(id).leadDepartment()).isEqualTo("amr");
        loop.sign(id, "amr");
        assertThat(loop.problem(id).status()).isEqualTo(Status.HANDLING);
        assertThat(problems.timeline(id)).anyMatch(e -> e.action() == Action.RETURNED
                && "属市场监管职责".equals(e.reason()) && "tax1".equals(e.actor()));
        assertThat(problems.departments(id)).extracting(ProblemDepartment::departmentCode).containsExactly("amr");
        // the monthly figures count 交办 and 退单 from the ledger row
        assertThat(figureFlags(id)).containsExactly(true, true, false);
    }

    /** ever_assigned, ever_returned, return_visited of the ledger row. */
    List<Boolean> figureFlags(long id) {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "SELECT ever_assigned, ever_returned, return_visited FROM qf_problem WHERE id = ?",
                (rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)), id);
    }

    @Test
    void passedUpALevel() {
        long id = loop.submit(6);
        loop.accept(id, "SINGLE");
        loop.assign(id, "amr", List.of());
        loop.complete(id, "signFor", "amr1", "signDecision", "ESCALATE", "signReason", "涉及全市统一口径");
        assertThat(loop.problem(id).leadDepartment()).isEqualTo("cityamr");
        Task sign = loop.task(id, "signFor");
        assertThat(engine.getTaskService().getIdentityLinksForTask(sign.getId()))
                .anyMatch(link -> "cityamr".equals(link.getGroupId()));
        loop.sign(id, "cityamr");
        assertThat(problems.timeline(id)).anyMatch(e -> e.action() == Action.ESCALATED
                && e.detail().contains("市市场监管局"));
        // the city has no level above it in the catalogue: escalating again is refused, the task stays
        loop.complete(id, "handleProblem", "cityamr1", "handleDecision", "ANSWER", "answer", "已统一口径答复");
        assertThat(loop.problem(id).status()).isEqualTo(Status.REVIEWING);
    }

    @Test
    void extensionMovesTheDeadlineAndEveryTimer() {
        long id = loop.submit(7);
        loop.accept(id, "SINGLE");
        loop.assign(id, "amr", List.of());
        loop.sign(id, "amr");
        loop.complete(id, "handleProblem", "amr1", "handleDecision", "EXTEND", "extensionDays", 2,
                "extensionReason", "需现场勘查");
        assertThat(loop.problem(id).status()).isEqualTo(Status.EXTENSION_PENDING);
        // refused first: nothing moves
        loop.complete(id, "approveExtension", "dispatcher1", "extensionApproved", "NO", "extensionComment", "请按期办结");
        assertThat(loop.problem(id).deadlineAt()).isEqualTo(at("2025-06-07T00:00:00+08:00"));

        loop.complete(id, "handleProblem", "amr1", "handleDecision", "EXTEND", "extensionDays", 2,
                "extensionReason", "需现场勘查");
        loop.complete(id, "approveExtension", "dispatcher1", "extensionApproved", "YES");
        Problem extended = loop.problem(id);
        // 3 + 2 working days from Tue 06-03: Wed, Thu, Fri, Mon, Tue → end of Tue 06-10
        assertThat(extended.deadlineAt()).isEqualTo(at("2025-06-11T00:00:00+08:00"));
        assertThat(extended.extensionDays()).isEqualTo(2);
        assertThat(loop.timer(id, "deadlineReached").getDuedate()).isEqualTo(Date.from(at("2025-06-11T00:00:00+08:00")));
        assertThat(loop.timer(id, "warningReached").getDuedate()).isEqualTo(Date.from(at("2025-06-10T00:00:00+08:00")));
        assertThat(loop.timer(id, "escalationReached").getDuedate()).isEqualTo(Date.from(at("2025-06-13T00:00:00+08:00")));
        assertThat(loop.task(id, "handleProblem").getDueDate()).isEqualTo(Date.from(at("2025-06-11T00:00:00+08:00")));
        assertThat(loop.actions(id)).contains("EXTENSION_REJECTED", "EXTENSION_APPROVED");

        // once overdue, no more extensions
        loop.fire(id, "warningReached");
        loop.fire(id, "deadlineReached");
        assertThatThrownBy(() -> loop.complete(id, "handleProblem", "amr1", "handleDecision", "EXTEND",
                "extensionDays", 1, "extensionReason", "再延")).hasMessageContaining("不能再申请延期");
    }

    @Test
    void waitingForTheEnterpriseStopsTheClock() {
        long id = loop.submit(8);
        loop.accept(id, "SINGLE");
        loop.assign(id, "amr", List.of());
        loop.sign(id, "amr");
        clockAt("2025-06-04T09:00:00+08:00");
        loop.complete(id, "handleProblem", "amr1", "handleDecision", "WAIT", "supplementRequest", "请补充用电负荷清单");
        assertThat(loop.problem(id).status()).isEqualTo(Status.WAITING_ENTERPRISE);
        assertThat(loop.timer(id, "deadlineReached").getDuedate()).isEqualTo(ProblemProcess.PAUSED);
        assertThat(loop.timer(id, "warningReached").getDuedate()).isEqualTo(ProblemProcess.PAUSED);
        // the timers do not fire while waiting, even past the old deadline
        clockAt("2025-06-09T15:00:00+08:00");
        assertThat(engine.getManagementService().createJobQuery().executable().active().processInstanceId(
                loop.problem(id).processInstanceId()).count()).isZero();

        // waited: Wed 09:00 → Mon 15:00 = Wed 15h + Thu 24h + Fri 24h + Mon 15h working time (the weekend does not count)
        ResponseEntity<JsonNode> supplied = loop.post("channel1", "/api/problems/" + id + "/supplement",
                Map.of("content", "负荷清单见附件"), null);
        assertThat(supplied.getStatusCode().value()).isEqualTo(200);
        Problem resumed = loop.problem(id);
        Duration waited = Duration.ofHours(15 + 24 + 24 + 15);
        assertThat(resumed.waitedSeconds()).isEqualTo(waited.toSeconds());
        assertThat(resumed.status()).isEqualTo(Status.HANDLING);
        // old deadline Sat 06-07 00:00 moves on by 78 working hours: Mon 24h, Tue 24h, Wed 24h, Thu 06:00
        assertThat(resumed.deadlineAt()).isEqualTo(at("2025-06-12T06:00:00+08:00"));
        assertThat(loop.timer(id, "deadlineReached").getDuedate()).isEqualTo(Date.from(resumed.deadlineAt()));
        assertThat(loop.timer(id, "warningReached").getDuedate()).isEqualTo(Date.from(resumed.warningAt()));
        assertThat(loop.task(id, "handleProblem")).isNotNull();
        // a second supplement when nothing is asked is refused
        assertThat(loop.post("channel1", "/api/problems/" + id + "/supplement", Map.of("content", "再补"), null)
                .getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void warningThenOverdueThenSupervisionThenLeader() {
        long id = loop.submit(9);
        loop.accept(id, "SINGLE");
        loop.assign(id, "amr", List.of());

        loop.fire(id, "warningReached");
        assertThat(loop.problem(id).light()).isEqualTo("YELLOW");
        assertThat(loop.actions(id)).contains("WARNED");

        loop.fire(id, "deadlineReached");
        Problem red = loop.problem(id);
        assertThat(red.light()).isEqualTo("RED");
        assertThat(red.overdue()).isTrue();
        // Cockpit finds it by the instance variable light = RED
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ProblemProcess.KEY)
                .variableValueEquals("light", "RED").list()).extracting(p -> p.getId()).contains(red.processInstanceId());
        Task supervise = loop.task(id, "superviseOverdue");
        assertThat(engine.getTaskService().getIdentityLinksForTask(supervise.getId()))
                .anyMatch(link -> "supervisor".equals(link.getGroupId()));
        assertThat(loop.task(id, "signFor")).as("the department still holds it").isNotNull();
        clockAt("2025-06-07T08:30:00+08:00");
        // the supervisors' Tasklist filter 已逾期 shows the department's task that is past its due date
        TestRestTemplate supervisor = http.withBasicAuth("supervisor1", "demo");
        String filterId = supervisor.getForObject("/engine-rest/filter?name=已逾期", JsonNode.class).get(0).get("id").asText();
        JsonNode overdue = supervisor.postForObject("/engine-rest/filter/" + filterId + "/list",
                new HttpEntity<>("{}", jsonHeaders()), JsonNode.class);
        assertThat(overdue).extracting(t -> t.get("taskDefinitionKey").asText()).contains("signFor");
        loop.complete(id, "superviseOverdue", "supervisor1", "superviseNote", "请今日内签收办理");

        loop.fire(id, "escalationReached");
        Task leader = loop.task(id, "leaderSupervise");
        assertThat(engine.getTaskService().getIdentityLinksForTask(leader.getId()))
                .anyMatch(link -> "leader".equals(link.getGroupId()));
        loop.complete(id, "leaderSupervise", "leader1", "leaderNote", "限明日办结");
        assertThat(loop.actions(id)).contains("OVERDUE", "SUPERVISED", "LEADER_SUPERVISED");

        loop.sign(id, "amr");
        loop.answer(id, "amr");
        loop.approve(id);
        loop.rate(id, "SATISFIED");
        Problem closed = loop.problem(id);
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.overdue()).as("counted as not closed on time").isTrue();
    }

    @Test
    void simpleProblemWarnsAtNoonOfItsDueDay() {
        long id = loop.submit(10);
        loop.accept(id, "SIMPLE");
        assertThat(loop.problem(id).deadlineAt()).isEqualTo(at("2025-06-05T00:00:00+08:00"));
        assertThat(loop.timer(id, "warningReached").getDuedate()).isEqualTo(Date.from(at("2025-06-04T12:00:00+08:00")));
    }

    @Test
    void crossDepartmentWithOpinions() {
        long id = loop.submit(11);
        loop.accept(id, "CROSS");
        assertThat(loop.problem(id).deadlineAt()).isEqualTo(at("2025-06-11T00:00:00+08:00"));
        loop.assign(id, "amr", List.of("tax", "hrss"));
        loop.sign(id, "amr");
        List<Task> opinions = loop.tasks(id).stream().filter(t -> "collectOpinions".equals(t.getTaskDefinitionKey()))
                .toList();
        assertThat(opinions).hasSize(2);
        for (Task opinion : opinions) {
            String group = engine.getTaskService().getIdentityLinksForTask(opinion.getId()).stream()
                    .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId();
            assertThat(group).isIn("tax", "hrss");
            // the other department cannot work this one
            String other = group.equals("tax") ? "hrss1" : "tax1";
            assertThatThrownBy(() -> loop.completeTask(opinion, other, "opinion", "越权"))
                    .hasMessageContaining("TASK_WORK");
            loop.completeTask(opinion, group + "1", "opinion", group.equals("tax") ? "可享受增值税留抵退税" : "不属本部门职责",
                    "declined", group.equals("hrss"));
        }
        assertThat(problems.departments(id)).extracting(ProblemDepartment::departmentCode, ProblemDepartment::role,
                ProblemDepartment::declined).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("amr", "LEAD", false),
                org.assertj.core.groups.Tuple.tuple("tax", "COOPERATING", false),
                org.assertj.core.groups.Tuple.tuple("hrss", "COOPERATING", true));
        String opinionsText = (String) engine.getRuntimeService().getVariable(loop.problem(id).processInstanceId(),
                "opinionsText");
        assertThat(opinionsText).contains("税务局：可享受增值税留抵退税").contains("人社局（不属本部门职责）");
        loop.answer(id, "amr");
        loop.approve(id);
        assertThat(loop.actions(id)).contains("OPINION", "DECLINED");
        assertThat(loop.problem(id).status()).isEqualTo(Status.AWAITING_RATING);
    }

    @Test
    void reviewSendsTheAnswerBack() {
        long id = loop.submit(12);
        loop.accept(id, "SINGLE");
        loop.assign(id, "amr", List.of());
        loop.sign(id, "amr");
        loop.answer(id, "amr");
        loop.complete(id, "reviewAnswer", "dispatcher1", "reviewDecision", "SEND_BACK", "reviewComment", "答复未写明时限");
        assertThat(loop.problem(id).status()).isEqualTo(Status.HANDLING);
        loop.complete(id, "handleProblem", "amr1", "handleDecision", "ANSWER", "answer", "将于6月6日前完成勘查。");
        loop.approve(id);
        assertThat(loop.problem(id).answer()).isEqualTo("将于6月6日前完成勘查。");
        assertThat(loop.actions(id)).containsSubsequence("ANSWER_PROPOSED", "SENT_BACK", "ANSWER_PROPOSED",
                "REVIEW_APPROVED", "REPLIED");
    }

    @Test
    void noRatingWithinThreeWorkingDaysCountsAsSatisfied() {
        long id = loop.answered(13, "SINGLE");
        Job rating = loop.timer(id, "ratingPeriodOver");
        // replied Tue 06-03: the rating period ends with the 3rd working day after it, Fri 06-06
        assertThat(rating.getDuedate()).isEqualTo(Date.from(at("2025-06-07T00:00:00+08:00")));
        loop.fire(id, "ratingPeriodOver");
        Problem closed = loop.problem(id);
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.rating()).isEqualTo(Rating.SATISFIED);
        assertThat(closed.ratingByDefault()).isTrue();
        assertThat(loop.rate(id, "UNSATISFIED").getStatusCode().value()).as("too late to rate").isEqualTo(409);
    }

    @Test
    void unsatisfiedReopensTwiceThenGoesToTheLeaders() {
        long id = loop.answered(14, "SINGLE");
        for (int round = 1; round <= 2; round++) {
            clockAt(Instant.parse("2025-06-0" + (3 + round) + "T02:00:00Z"));
            assertThat(loop.rate(id, "UNSATISFIED").getStatusCode().value()).isEqualTo(200);
            Problem reopened = loop.problem(id);
            assertThat(reopened.reopenCount()).isEqualTo(round);
            assertThat(reopened.status()).isEqualTo(Status.HANDLING);
            assertThat(reopened.rating()).isNull();
            // straight back to the same department, with a new deadline counted from today
            assertThat(loop.task(id, "assignProblem")).isNull();
            assertThat(loop.task(id, "handleProblem")).isNotNull();
            assertThat(reopened.roundStartedAt()).isEqualTo(Instant.parse("2025-06-0" + (3 + round) + "T02:00:00Z"));
            loop.answer(id, "amr");
            loop.approve(id);
        }
        assertThat(loop.rate(id, "UNSATISFIED").getStatusCode().value()).isEqualTo(200);
        assertThat(loop.problem(id).status()).isEqualTo(Status.LEADER_REVIEW);
        loop.complete(id, "leaderReview", "leader1", "leaderNote", "召集相关部门专题研究");
        Problem closed = loop.problem(id);
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.reopenCount()).isEqualTo(2);
        assertThat(loop.actions(id)).containsSubsequence("REOPENED", "REOPENED", "LEADER_DECIDED", "CLOSED");
    }

    @Test
    void returnVisitReopensAClosedProblem() {
        long id = loop.answered(15, "SINGLE");
        loop.rate(id, "SATISFIED");
        String closedInstance = loop.problem(id).processInstanceId();

        engine.getIdentityService().setAuthentication("supervisor1", List.of("supervisor"));
        try {
            engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("problemReturnVisit").latestVersion().singleResult().getId(),
                    Map.of("problemNo", loop.problem(id).problemNo()));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        Task visit = engine.getTaskService().createTaskQuery().processDefinitionKey("problemReturnVisit")
                .processInstanceBusinessKey(loop.problem(id).problemNo()).singleResult();
        loop.completeTask(visit, "supervisor1", "visitResult", "REOPEN", "visitNote", "企业反映勘查后仍未增容");

        Problem reopened = loop.problem(id);
        assertThat(reopened.status()).isEqualTo(Status.HANDLING);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(reopened.processInstanceId()).isNotEqualTo(closedInstance);
        assertThat(loop.task(id, "handleProblem")).isNotNull();
        assertThat(loop.timer(id, "deadlineReached")).isNotNull();
        assertThat(loop.actions(id)).containsSubsequence("CLOSED", "RETURN_VISIT", "REOPENED", "DEADLINE_FIXED");
    }

    @Test
    void returnVisitConfirmsASolvedProblem() {
        long id = loop.answered(19, "SIMPLE");
        loop.rate(id, "BASICALLY_SATISFIED");
        engine.getIdentityService().setAuthentication("supervisor1", List.of("supervisor"));
        try {
            // only closed problems can be visited
            long open = loop.submit(20);
            String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("problemReturnVisit").latestVersion().singleResult().getId();
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
                    Map.of("problemNo", loop.problem(open).problemNo()))).hasMessageContaining("尚未办结");
            engine.getFormService().submitStartForm(definition, Map.of("problemNo", loop.problem(id).problemNo()));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        Task visit = engine.getTaskService().createTaskQuery().processDefinitionKey("problemReturnVisit")
                .processInstanceBusinessKey(loop.problem(id).problemNo()).singleResult();
        assertThat(engine.getTaskService().getVariable(visit.getId(), "ratingText")).isEqualTo("基本满意");
        loop.completeTask(visit, "supervisor1", "visitResult", "CONFIRMED", "visitNote", "企业确认已解决");
        assertThat(loop.problem(id).status()).isEqualTo(Status.CLOSED);
        assertThat(loop.problem(id).reopenCount()).isZero();
        assertThat(problems.timeline(id)).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.RETURN_VISIT);
            assertThat(e.detail()).isEqualTo("问题已解决");
        });
        assertThat(figureFlags(id)).containsExactly(
                problems.timeline(id).stream().anyMatch(e -> e.action() == Action.ASSIGNED), false, true);
    }

    @Test
    void problemsNoDepartmentOwnsGoToTheFallbackPath() {
        long id = loop.submit(16);
        loop.accept(id, "CROSS");
        loop.complete(id, "assignProblem", "dispatcher1", "route", "FALLBACK", "assignNote", "无先例、无牵头");
        assertThat(loop.problem(id).status()).isEqualTo(Status.COORDINATING);
        loop.complete(id, "coordinate", "center1", "coordinationDecision", "COLLECTIVE", "coordinationNote", "需集体研究");
        loop.complete(id, "collectiveDecision", "leader1", "answer", "经一事一议，由经信局牵头试点解决。");
        loop.approve(id);
        assertThat(loop.problem(id).status()).isEqualTo(Status.AWAITING_RATING);
        assertThat(loop.actions(id)).contains("COLLECTIVE_REQUESTED", "COLLECTIVE_DECIDED");

        long resolved = loop.submit(17);
        loop.accept(resolved, "SIMPLE");
        loop.complete(resolved, "assignProblem", "dispatcher1", "route", "FALLBACK");
        loop.complete(resolved, "coordinate", "center1", "coordinationDecision", "RESOLVED", "answer", "已协调解决");
        loop.approve(resolved);
        assertThat(loop.problem(resolved).answer()).isEqualTo("已协调解决");
    }

    @Test
    void theFrontDeskRegistersAProblemInTasklist() {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ProblemProcess.KEY).latestVersion().singleResult().getId();
        Map<String, Object> form = new java.util.HashMap<>(LoopDriver.submission(18));
        form.put("creditCode", "91330521000000001X");
        engine.getIdentityService().setAuthentication("frontdesk1", List.of("frontdesk"));
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, form))
                    .hasMessageContaining("creditCode");
            form.put("creditCode", LoopDriver.creditCode(18));
            var instance = engine.getFormService().submitStartForm(definition, form);
            Problem problem = problems.byNumber(instance.getBusinessKey()).orElseThrow();
            assertThat(problem.submittedBy()).isEqualTo("frontdesk1");
            assertThat(problem.processInstanceId()).isEqualTo(instance.getId());
            assertThat(problem.enterpriseName()).isEqualTo("德清测试企业18有限公司");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
