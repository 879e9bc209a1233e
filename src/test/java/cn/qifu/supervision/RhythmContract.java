package cn.qifu.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.ProblemSubmission;
import cn.qifu.problem.Rating;
import cn.qifu.problem.CreditCode;
import cn.qifu.testsupport.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The center's rhythm, driven by its timers on the working-day calendar. Run on each database by the subclasses. */
abstract class RhythmContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    static int enterprise = 7000;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static void clockAt(String text) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(text).toInstant()));
    }

    static Date at(String text) {
        return Date.from(OffsetDateTime.parse(text).toInstant());
    }

    Job startTimer(String processKey) {
        return engine.getManagementService().createJobQuery().processDefinitionKey(processKey).timers().singleResult();
    }

    /** Fires a rhythm's start timer at the given moment, as the job executor would at its due date. */
    void fireAt(String processKey, String moment) {
        clockAt(moment);
        Job timer = startTimer(processKey);
        engine.getManagementService().setJobDuedate(timer.getId(), ClockUtil.getCurrentTime());
        engine.getManagementService().executeJob(timer.getId());
    }

    long acceptedProblem(String category, String moment) {
        clockAt(moment);
        String first17 = "91330521" + String.format("%09d", enterprise++);
        Problem problem = problems.submit(new ProblemSubmission(first17 + CreditCode.checkCharacter(first17), "节律测试企业",
                "钱七", "13600000000", "HOTLINE", category + "问题", "节律测试", category), "channel1", null);
        Task accept = engine.getTaskService().createTaskQuery().processInstanceId(problem.processInstanceId()).singleResult();
        Staff.complete(engine, accept, "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", "SINGLE", "category", category);
        return problem.id();
    }

    @Test
    void theDailyReportFiresOnWorkingDaysOnly() throws Exception {
        // the timers exist from deployment on, due on a working day at 08:30
        Job daily = startTimer("dailyReport");
        assertThat(daily).isNotNull();
        // fired on the last working day before 国庆+中秋 2025, the next one is 10-09 (not 10-01..10-08)
        fireAt("dailyReport", "2025-09-30T08:30:00+08:00");
        assertThat(startTimer("dailyReport").getDuedate()).isEqualTo(at("2025-10-09T08:30:00+08:00"));
        // fired on Saturday 2025-09-27's eve, the next one is the adjusted working Sunday 09-28
        fireAt("dailyReport", "2025-09-26T08:30:00+08:00");
        assertThat(startTimer("dailyReport").getDuedate()).isEqualTo(at("2025-09-28T08:30:00+08:00"));

        fireAt("weeklySummary", "2025-09-29T08:30:00+08:00");
        assertThat(startTimer("weeklySummary").getDuedate()).isEqualTo(at("2025-10-09T08:30:00+08:00"));
        fireAt("categoryReview", "2025-09-01T10:00:00+08:00");
        assertThat(startTimer("categoryReview").getDuedate()).isEqualTo(at("2025-10-09T10:00:00+08:00"));
    }

    /** Monday 2024-04-08 after 清明 2024: "yesterday" is the adjusted working Sunday 04-07. */
    @Test
    void theDailyReportCountsThePreviousWorkingDay() throws Exception {
        acceptedProblem("日报测试类别", "2024-04-07T10:00:00+08:00");
        acceptedProblem("日报测试类别", "2024-04-07T15:00:00+08:00");
        acceptedProblem("日报测试类别", "2024-04-08T09:00:00+08:00");
        fireAt("dailyReport", "2024-04-08T09:30:00+08:00");
        JsonNode reports = http.withBasicAuth("supervisor1", "demo").getForObject("/api/reports?kind=DAILY", JsonNode.class);
        JsonNode report = reports.get(0);
        assertThat(report.get("title").asText()).isEqualTo("日报告 2024-04-08");
        JsonNode content = json.readTree(report.get("content").asText());
        assertThat(content.get("from").asText()).isEqualTo("2024-04-06T16:00:00Z");
        assertThat(content.get("accepted").asInt()).isEqualTo(2);
        assertThat(content.get("submitted").asInt()).isEqualTo(2);
        // leaders and supervisors get it through the outbox
        JsonNode inbox = http.withBasicAuth("leader1", "demo").getForObject("/api/notifications", JsonNode.class);
        assertThat(inbox).anySatisfy(n -> assertThat(n.get("subject").asText()).isEqualTo("日报告 2024-04-08"));
        assertThat(http.withBasicAuth("amr1", "demo").getForEntity("/api/reports", JsonNode.class).getStatusCode().value())
                .isEqualTo(403);
        // exported as a workbook that opens and holds the figures
        byte[] xlsx = http.withBasicAuth("supervisor1", "demo").getForObject("/api/reports/" + report.get("id").asLong()
                + "/export", byte[].class);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheet("报告");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("日报告 2024-04-08");
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (var row : sheet) {
                if (row.getCell(1) != null) {
                    values.put(row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue());
                }
            }
            assertThat(values).containsEntry("新受理", "2").containsEntry("新提交", "2");
        }
        assertThat(http.withBasicAuth("supervisor1", "demo").getForEntity("/api/reports?kind=HOURLY", JsonNode.class)
                .getStatusCode().value()).isEqualTo(400);
    }

    /** 月督办: a department that closed late last month answers with its measures; the leaders read every answer. */
    @Test
    void aDepartmentBelowTargetAnswersTheMonthlySupervision() {
        long id = acceptedProblem("月督办测试类别", "2024-06-03T10:00:00+08:00");
        String instance = problems.get(id).processInstanceId();
        Staff.complete(engine, task(instance, "assignProblem"), "dispatcher1", "route", "DEPARTMENT", "leadDepartment", "transport",
                "cooperatingDepartments", List.of());
        Job deadline = engine.getManagementService().createJobQuery().processInstanceId(instance).activityId("deadlineReached")
                .singleResult();
        ClockUtil.setCurrentTime(deadline.getDuedate());
        engine.getManagementService().executeJob(deadline.getId());
        Staff.complete(engine, task(instance, "signFor"), "transport1", "signDecision", "SIGN");
        Staff.complete(engine, task(instance, "handleProblem"), "transport1", "handleDecision", "ANSWER", "answer", "已处理");
        Staff.complete(engine, task(instance, "reviewAnswer"), "dispatcher1", "reviewDecision", "APPROVE");
        problems.evaluate(id, Rating.SATISFIED, null, "channel1");

        fireAt("monthlySupervision", "2024-07-01T09:00:00+08:00");
        Task answer = engine.getTaskService().createTaskQuery().processDefinitionKey("monthlySupervision")
                .taskCandidateGroup("transport").singleResult();
        assertThat((String) engine.getTaskService().getVariableLocal(answer.getId(), "figuresText")).contains("高效办结率 0%");
        Staff.complete(engine, answer, "transport1", "measures", "逐件复盘逾期原因，建立每日清单调度。");
        Task review = engine.getTaskService().createTaskQuery().processDefinitionKey("monthlySupervision")
                .taskCandidateGroup("leader").singleResult();
        assertThat((String) engine.getTaskService().getVariableLocal(review.getId(), "digest"))
                .contains("交通运输局").contains("逐件复盘逾期原因");
        assertThat(http.withBasicAuth("transport1", "demo").getForObject("/api/notifications", JsonNode.class))
                .anySatisfy(n -> assertThat(n.get("subject").asText()).isEqualTo("月督办：2024-06 指标未达标"));
        Staff.complete(engine, review, "leader1", "leaderNote", "请各部门对照整改");
        assertThat(startTimer("monthlySupervision").getDuedate()).isEqualTo(at("2024-08-01T09:00:00+08:00"));
    }

    Task task(String processInstanceId, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key)
                .singleResult();
    }

    /** 问题处理—分类总结—分析规律—形成制度: a category that recurred becomes a lasting measure later problems link to. */
    @Test
    void aRecurringCategoryBecomesALastingMeasure() {
        for (int i = 0; i < 3; i++) {
            acceptedProblem("拖欠账款", "2024-03-1" + (i + 1) + "T10:00:00+08:00");
        }
        acceptedProblem("偶发类别", "2024-03-12T11:00:00+08:00");
        fireAt("categoryReview", "2024-04-01T10:00:00+08:00");
        List<Task> tasks = engine.getTaskService().createTaskQuery().processDefinitionKey("categoryReview")
                .taskCandidateGroup("reform").list();
        assertThat(tasks).hasSize(1);
        Task task = tasks.get(0);
        assertThat(engine.getTaskService().getVariable(task.getId(), "category")).isEqualTo("拖欠账款");
        assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), "categorySummary")).contains("3 件");
        Staff.complete(engine, task, "reform1", "measureTitle", "拖欠中小企业账款清欠联席机制",
                "measureContent", "经信局牵头，每月清单化调度，逾期未清偿的纳入督办。");

        long later = acceptedProblem("拖欠账款", "2024-04-10T10:00:00+08:00");
        assertThat(problems.get(later).measureId()).isNotNull();
        assertThat(problems.timeline(later)).anyMatch(e -> e.detail() != null && e.detail().contains("拖欠中小企业账款清欠联席机制"));
        // the next month, the category has its measure and is not raised again
        fireAt("categoryReview", "2024-05-06T10:00:00+08:00");
        assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey("categoryReview").list()).isEmpty();
    }
}
