package cn.qifu.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.CreditCode;
import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.ProblemSubmission;
import cn.qifu.testsupport.Browser;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.Staff;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The screens supervisors use, in a real headless browser whose language is Chinese: the 督办 plugin in Cockpit, the
 * one-screen dashboard, and Tasklist in Simplified Chinese.
 */
@OnH2
class SupervisionScreensOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;

    static final String HOSTILE_TITLE = "<img src=x onerror=alert(1)>厂房漏水";
    Problem red;

    /** A red problem held by 市场监管局, whose title an enterprise typed with HTML in it. */
    @BeforeEach
    void aRedProblem() {
        if (red != null) {
            return;
        }
        String first17 = "913305219876543" + "21";
        Problem submitted = problems.submit(new ProblemSubmission(first17 + CreditCode.checkCharacter(first17), "督办页面测试企业",
                "孙八", "13500000000", "HOTLINE", HOSTILE_TITLE, "测试", "证照"), "channel1", null);
        String instance = submitted.processInstanceId();
        Staff.complete(engine, engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult(),
                "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", "SIMPLE", "category", "证照");
        Staff.complete(engine, engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult(),
                "dispatcher1", "route", "DEPARTMENT", "leadDepartment", "amr", "cooperatingDepartments", List.of());
        for (String timer : List.of("warningReached", "deadlineReached")) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).activityId(timer).singleResult();
            engine.getManagementService().executeJob(job.getId());
        }
        red = problems.get(submitted.id());
        assertThat(red.light()).isEqualTo("RED");
    }

    @Test
    void theCockpitPluginListsTheRedProblemForASupervisor() {
        try (Browser browser = Browser.open("http://localhost:" + port, "zh-CN")) {
            browser.loginTo("cockpit", "supervisor1");
            String page = browser.waitForText(red.problemNo());
            assertThat(page).contains("督办：红灯与黄灯").contains(HOSTILE_TITLE).contains("市场监管局");
            assertThat(browser.driver.findElements(By.cssSelector("img[src=x]"))).isEmpty();
            // the link opens the problem's instance, where the tab 督办 shows its light and timeline
            browser.driver.findElement(By.linkText(red.problemNo())).click();
            // (the dashboard also says 督办: wait for the instance view's tab itself, a slow machine may be mid-navigation)
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='督办']"))).click();
            assertThat(browser.waitForText("最近办理记录")).contains("红灯").contains("逾期（红灯）");
        }
    }

    @Test
    void theDashboardShowsTheFiguresAndTheRedList() {
        try (Browser browser = Browser.open("http://localhost:" + port, "zh-CN")) {
            browser.go("/dashboard");
            assertThat(browser.waitForText("请先登录")).contains("Cockpit");
            browser.loginTo("cockpit", "supervisor1");
            browser.go("/dashboard");
            String page = browser.waitForText(red.problemNo());
            assertThat(page).contains("一屏总览").contains("高效办结率").contains("办理满意率").contains("目标 ≥ 90.0%")
                    .contains("目标 ≥ 95.0%").contains("红灯（已逾期）").contains(HOSTILE_TITLE).contains("月度趋势");
            assertThat(browser.driver.findElements(By.cssSelector("img[src=x]"))).isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#trend polyline"))).hasSize(2);
            // the count is of all red problems; the list holds the most urgent ones (the API's limit, 100)
            String redCount = browser.driver.findElement(By.id("red-count")).getText();
            int rows = browser.driver.findElements(By.cssSelector("#red tbody tr")).size();
            assertThat(redCount).matches("\\d+ 件(（显示最紧急的 " + rows + " 件）)?");
            int count = Integer.parseInt(redCount.substring(0, redCount.indexOf(' ')));
            assertThat(rows).isBetween(1, Math.min(count, 100));
            assertThat(redCount.contains("显示最紧急")).isEqualTo(count > rows);
        }
    }

    @Test
    void tasklistSpeaksChineseToAChineseBrowserAndEnglishToAnEnglishOne() {
        try (Browser browser = Browser.open("http://localhost:" + port, "zh-CN")) {
            browser.loginTo("tasklist", "amr1");
            String page = browser.waitForText("本组待签收");
            assertThat(page).contains("发起流程").doesNotContain("Start process");
            // the task list's relative dates are Chinese too, on the very first visit (en.json no longer resets them)
            browser.driver.findElement(By.partialLinkText("本组待签收")).click();
            String list = browser.waitForText("涉企问题闭环办理");
            assertThat(list).doesNotContain(" ago").doesNotContain("Due in").doesNotContain("minute");
        }
        try (Browser browser = Browser.open("http://localhost:" + port, "en-US")) {
            browser.loginTo("tasklist", "amr1");
            assertThat(browser.waitForText("Start process")).contains("本组待签收");
        }
    }
}
