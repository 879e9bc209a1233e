package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.deadline.WorkingDayCalendar;
import cn.qifu.problem.CreditCode;
import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.supervision.Report;
import cn.qifu.supervision.RhythmService;
import cn.qifu.testsupport.Browser;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import cn.qifu.testsupport.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an enterprise types is stored as typed and never runs anywhere it is shown: a problem whose title carries a
 * script, an image with onerror and a spreadsheet formula is shown as text on the dashboard and in Tasklist's task
 * form (no script runs), and exported to Excel as a text cell, never a formula. (The figures export of a month and
 * the dashboard's image case are in FiguresContract and SupervisionScreensOnH2Test.)
 */
@OnH2
class HostileTextOnH2Test {

    /** Starts like a formula; then HTML that would run if it were put on a page as HTML. */
    static final String TITLE = "=HYPERLINK(\"http://evil.example/x\",\"点我\")<script>window.__qifuXss=1</script>"
            + "<img src=x onerror=\"window.__qifuXss=2\">厂房漏水";
    static final String DESCRIPTION = "[领取补贴](javascript:window.__qifuXss=3) **加粗** <b>粗体</b> @SUM(A1:A9)";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    RhythmService rhythm;
    @Autowired
    WorkingDayCalendar calendar;

    static Problem red;

    /** Submitted over the API by a channel, accepted, assigned to 市场监管局, and past its deadline (red). */
    @BeforeEach
    void aRedProblemWithHostileText() {
        if (red != null) {
            return;
        }
        String first17 = "913305219876543" + "77";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", first17 + CreditCode.checkCharacter(first17));
        body.put("enterpriseName", "+cmd|' /C calc'!A0 测试企业");
        body.put("contactName", "<i>孙八</i>");
        body.put("contactPhone", "13500000000");
        body.put("channel", "HOTLINE");
        body.put("title", TITLE);
        body.put("description", DESCRIPTION);
        body.put("category", "证照");
        RawHttp.Response created = new RawHttp(port).postJson("channel1", "/api/problems", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Problem problem = problems.get(created.json().get("id").asLong());
        // stored inert: exactly as typed
        assertThat(problem.title()).isEqualTo(TITLE);
        assertThat(problem.description()).isEqualTo(DESCRIPTION);
        String instance = problem.processInstanceId();
        Staff.complete(engine, task(instance), "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", "SIMPLE",
                "category", "证照");
        Staff.complete(engine, task(instance), "dispatcher1", "route", "DEPARTMENT", "leadDepartment", "amr",
                "cooperatingDepartments", List.of());
        for (String timer : List.of("warningReached", "deadlineReached")) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).activityId(timer)
                    .singleResult();
            engine.getManagementService().executeJob(job.getId());
        }
        red = problems.get(problem.id());
        assertThat(red.light()).isEqualTo("RED");
    }

    private Task task(String instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    }

    @Test
    void theDashboardShowsItAsText() {
        try (Browser browser = Browser.open("http://localhost:" + port, "zh-CN")) {
            browser.loginTo("cockpit", "supervisor1");
            browser.go("/dashboard");
            String page = browser.waitForText(red.problemNo());
            assertThat(page).contains(TITLE);
            assertNothingRan(browser);
        }
    }

    @Test
    void tasklistShowsItAsTextInTheTaskForm() {
        Task signFor = engine.getTaskService().createTaskQuery().processInstanceId(red.processInstanceId())
                .taskDefinitionKey("signFor").singleResult();
        try (Browser browser = Browser.open("http://localhost:" + port, "zh-CN")) {
            browser.loginTo("tasklist", "amr1");
            browser.go("/camunda/app/tasklist/default/#/?task=" + signFor.getId());
            String page = browser.waitForText("问题 " + red.problemNo());
            // wait for the whole form: its summary comes with the problem's text
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.tagName("body")).getText().contains("厂房漏水"));
            page = browser.driver.findElement(By.tagName("body")).getText();
            assertThat(page).contains(TITLE).contains(DESCRIPTION).contains("<i>孙八</i>");
            assertNothingRan(browser);
            assertThat(browser.driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        }
    }

    /** The daily report names the new red problem; its workbook holds the title as text, not as a formula. */
    @Test
    void theReportWorkbookHoldsItAsTextNotAFormula() throws Exception {
        LocalDate nextWorkingDay = calendar.plusWorkingDays(LocalDate.now(calendar.zone()), 1);
        Report report;
        try {
            ClockUtil.setCurrentTime(Date.from(calendar.startOfDay(nextWorkingDay).plus(Duration.ofHours(9))));
            report = rhythm.daily();
        } finally {
            ClockUtil.reset();
        }
        JsonNode content = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.content());
        assertThat(content.get("newReds").toString()).contains("厂房漏水");

        RawHttp.Response xlsx = new RawHttp(port).send("GET", "/api/reports/" + report.id() + "/export", "supervisor1",
                "demo", Map.of(), null);
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Cell title = null;
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                                .isNotEqualTo(CellType.FORMULA);
                        if (cell.getCellType() == CellType.STRING && TITLE.equals(cell.getStringCellValue())) {
                            title = cell;
                        }
                    }
                }
            }
            assertThat(title).as("the title as a cell of its own").isNotNull();
            // shown as typed, with Excel's quote prefix: not evaluated when the cell is edited either
            assertThat(title.getCellStyle().getQuotePrefixed()).isTrue();
        }
    }

    /** No alert, and none of the payloads' scripts set its flag. */
    private static void assertNothingRan(Browser browser) {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("an alert is open: a script ran");
        } catch (NoAlertPresentException expected) {
            // as it should be
        }
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.__qifuXss")).isNull();
        assertThat(browser.driver.findElements(By.cssSelector("img[src=x]"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("script:not([src])")))
                .noneMatch(s -> String.valueOf(s.getAttribute("textContent")).contains("__qifuXss"));
    }
}
