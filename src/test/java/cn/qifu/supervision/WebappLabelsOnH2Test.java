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
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The labels Camunda hard-codes in English in its webapp bundles (not in locales/zh.json), which the custom scripts
 * qifu/labels-zh.js relabel: Chinese for a Chinese browser on the screens staff use daily, English left alone for an
 * English one. One browser, logged in once as the administrator, visits Cockpit, Admin and Tasklist.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebappLabelsOnH2Test {

    /** The English labels a Chinese browser still saw on the daily screens before qifu/labels-zh.js and zh.json. */
    static final List<String> ENGLISH_LABELS = List.of(
            // Cockpit: variables, incidents, called instances, job definitions, diagram, empty fields, tooltips
            "Actions", "State", "Failed Job", "Message is null.", "null", "String", "Boolean", "Integer", "Long",
            "Double", "Date", "Json", "Object", "async-continuation", "timer-transition", "async-before", "zoom in",
            "zoom out", "reset zoom", "Toggle this section", "Loading diagram",
            // Admin: permission names
            "ACCESS", "ALL", "READ", "UPDATE", "CREATE", "DELETE", "CREATE_INSTANCE", "READ_INSTANCE", "READ_TASK",
            "READ_HISTORY", "TASK_ASSIGN", "TASK_WORK", "Select all", "Unselect all",
            // Tasklist: Camunda Forms and the filter dialog's criteria
            "Field is required.", "Search", "Select", "No results", "Process Instance", "Process definition",
            "Business Key", "Assignee", "Candidate Group", "Candidate Groups", "Created Before", "Due Before",
            "Follow Up After", "Without Due Date", "E.g.: `${ currentUser() }`");

    /** What a person sees: visible texts, titles and placeholders, the options of visible selects; not variable values. */
    static final String VISIBLE_TEXTS = """
            const seen = [];
            const visible = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
            const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = texts.nextNode(); n; n = texts.nextNode()) {
              if (n.nodeValue.trim() && visible(n.parentElement) && !n.parentElement.closest('td.col-value')) seen.push(n.nodeValue.trim());
            }
            document.querySelectorAll('[title], [placeholder]').forEach((el) => {
              if (visible(el)) seen.push(el.getAttribute('title') || '', el.getAttribute('placeholder') || '');
            });
            document.querySelectorAll('select').forEach((s) => {
              if (visible(s)) s.querySelectorAll('optgroup, option').forEach((o) => seen.push((o.label || o.text).trim()));
            });
            return seen;""";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;

    Problem problem;
    Job failedTimer;
    Task signTask;
    Browser browser;

    /**
     * A problem at 签收 with 市场监管局, whose leader-escalation timer has failed for good (an incident), and a Chinese
     * browser. Made once, by the first test (the engine's process test coverage needs a test running).
     */
    @BeforeEach
    void aProblemWithAnIncidentAndAChineseBrowser() {
        if (problem == null) {
            aProblemAtSigning();
            browser = Browser.open("http://localhost:" + port, "zh-CN");
            browser.loginTo("cockpit", "demo");
        }
        // no retries left is what a job that kept failing ends with: the engine raises an incident of type failedJob
        engine.getManagementService().setJobRetries(failedTimer.getId(), 0);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(problem.processInstanceId()).count()).isOne();
    }

    /** The incident is resolved after each test, so that no other class finds it. */
    @AfterEach
    void resolveTheIncident() {
        engine.getManagementService().setJobRetries(failedTimer.getId(), 1);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    void aProblemAtSigning() {
        String first17 = "913305219876543" + "35";
        Problem submitted = problems.submit(new ProblemSubmission(first17 + CreditCode.checkCharacter(first17), "界面文字测试企业",
                "周九", "13600000000", "HOTLINE", "界面文字测试问题", "测试", "证照"), "channel1", null);
        String instance = submitted.processInstanceId();
        Staff.complete(engine, engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult(),
                "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", "SIMPLE", "category", "证照");
        Staff.complete(engine, engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult(),
                "dispatcher1", "route", "DEPARTMENT", "leadDepartment", "amr", "cooperatingDepartments", List.of());
        // data that happens to read like a label stays as it is
        engine.getRuntimeService().setVariable(instance, "labelProbe", "String");
        problem = problems.get(submitted.id());
        failedTimer = engine.getManagementService().createJobQuery().processInstanceId(instance).activityId("escalationReached")
                .singleResult();
        // the administrator works the task in Tasklist, so its form can be submitted (and refused)
        signTask = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        engine.getTaskService().claim(signTask.getId(), "demo");
    }

    @Test
    void cockpitShowsAProblemsVariablesIncidentAndDiagramInChinese() {
        browser.go("/camunda/app/cockpit/default/#/process-instance/" + problem.processInstanceId() + "/runtime");
        waitFor("the variables table", () -> !texts("td.col-type").isEmpty());
        assertThat(texts("thead td.actions")).containsExactly("操作");
        assertThat(texts("td.col-type")).contains("字符串", "整型", "长整型", "日期").doesNotContain("String", "Long");
        assertThat(script("""
                return [...document.querySelectorAll('tr')].filter((row) => row.querySelector('td.col-name')
                    && row.querySelector('td.col-name').textContent.trim() === 'labelProbe')
                  .map((row) => row.querySelector('td.col-value').textContent.trim())""")).containsExactly("String");
        assertThat(attributes(".navigation button", "title")).containsExactly("放大", "缩小", "重置缩放");
        assertNoEnglishLabel("Cockpit instance, variables");

        browser.go("/camunda/app/cockpit/default/#/process-instance/" + problem.processInstanceId() + "/runtime?tab=incidents-tab");
        waitFor("the incident", () -> !texts("td.type").isEmpty());
        assertThat(texts("td.type")).containsExactly("作业失败");
        assertThat(texts("td.message")).containsExactly("消息为空。");
        assertNoEnglishLabel("Cockpit instance, incidents");

        browser.go("/camunda/app/cockpit/default/#/process-definition/" + engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("problemLoop").latestVersion().singleResult().getId() + "/runtime?detailsTab=job-definition-table");
        waitFor("the job definitions", () -> !texts("td.type").isEmpty());
        assertThat(texts("td.type")).contains("边界定时器");
        assertNoEnglishLabel("Cockpit process definition, job definitions");

        browser.go("/camunda/app/cockpit/default/#/processes");
        browser.waitForText("涉企问题闭环办理");
        assertNoEnglishLabel("Cockpit processes");
        browser.go("/camunda/app/cockpit/default/#/dashboard");
        browser.waitForText("督办：红灯与黄灯");
        assertNoEnglishLabel("Cockpit dashboard");
    }

    @Test
    void adminShowsPermissionNamesInChinese() {
        browser.go("/camunda/app/admin/default/#/authorization?resource=7");
        waitFor("the task authorizations", () -> !texts("td.permissions").isEmpty());
        // the page lists one row per open task first: with the open tasks other tests leave, the rows granting ALL may be
        // on a later page; 全部 is checked on the applications page below
        assertThat(texts("td.permissions")).contains("读取、办理任务").noneMatch(p -> p.matches(".*[A-Z]{3,}.*"));
        assertNoEnglishLabel("Admin authorizations of tasks");
        // the list of resource types is rendered apart from the table: wait for it too (it was not always there yet)
        waitFor("the link to the applications' authorizations",
                () -> !browser.driver.findElements(By.linkText("应用")).isEmpty());
        browser.driver.findElement(By.linkText("应用")).click();
        waitFor("the application authorizations", () -> texts("td.permissions").contains("访问"));
        assertThat(texts("td.permissions")).containsOnly("访问", "全部");
        assertNoEnglishLabel("Admin authorizations of applications");

        for (List<String> screen : List.of(List.of("users", "frontdesk1"), List.of("groups", "camunda-admin"),
                List.of("system?section=system-settings-general", "default"))) {
            browser.go("/camunda/app/admin/default/#/" + screen.get(0));
            browser.waitForText(screen.get(1));
            assertNoEnglishLabel("Admin " + screen.get(0));
        }
    }

    @Test
    void tasklistShowsFilterCriteriaFormMessagesAndDiagramInChinese() {
        browser.go("/camunda/app/tasklist/default/#/");
        browser.waitForText("全部任务");
        assertNoEnglishLabel("Tasklist task list");
        browser.driver.findElement(By.cssSelector(".task-filters header button.btn-link")).click();
        clickInDialog("条件");
        clickInDialog("添加条件");
        waitFor("the criteria", () -> !texts(".modal-content select option").isEmpty());
        assertThat(attributes(".modal-content select optgroup", "label")).contains("流程实例", "用户 / 组", "任务", "日期");
        // (an option ends in " *" where the criterion takes an expression)
        assertThat(texts(".modal-content select option").stream().map(o -> o.replaceAll("[\\s*]+$", "")).toList())
                .contains("业务编号", "办理人", "候选组", "到期早于");
        assertNoEnglishLabel("Tasklist filter dialog");

        browser.go("/camunda/app/tasklist/default/#/?task=" + signTask.getId());
        browser.waitForText("界面文字测试问题");
        assertNoEnglishLabel("Tasklist task form");
        browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")).click();
        waitFor("the form's messages", () -> !texts(".fjs-form-field-error").isEmpty());
        assertThat(texts(".fjs-form-field-error")).containsOnly("此项为必填项。");
        assertNoEnglishLabel("Tasklist task form, refused");

        browser.driver.findElement(By.linkText("流程图")).click();
        waitFor("the diagram", () -> attributes(".navigation button", "title").size() == 3);
        assertThat(attributes(".navigation button", "title")).containsExactly("放大", "缩小", "重置缩放");
        assertNoEnglishLabel("Tasklist task diagram");
    }

    /** The same screens and the same scan, in a browser whose language is English: Camunda's own English. */
    @Test
    void anEnglishBrowserStillSeesCamundasEnglish() {
        try (Browser english = Browser.open("http://localhost:" + port, "en-US")) {
            english.loginTo("cockpit", "demo");
            english.go("/camunda/app/cockpit/default/#/process-instance/" + problem.processInstanceId() + "/runtime");
            english.waitForText("Actions");
            assertThat(englishLabelsOn(english)).contains("Actions", "String", "Long", "zoom in", "reset zoom");
            english.go("/camunda/app/cockpit/default/#/process-instance/" + problem.processInstanceId() + "/runtime?tab=incidents-tab");
            english.waitForText("Failed Job");
            assertThat(englishLabelsOn(english)).contains("Failed Job", "Message is null.");
            english.go("/camunda/app/admin/default/#/authorization?resource=7");
            english.waitForText("READ, TASK_WORK");
            assertThat(englishLabelsOn(english)).contains("READ", "TASK_WORK");
            english.driver.findElement(By.linkText("Application")).click();
            english.waitForText("ACCESS");
            assertThat(englishLabelsOn(english)).contains("ACCESS", "ALL");
        }
    }

    /** Fails naming each English label still shown, if any. */
    void assertNoEnglishLabel(String screen) {
        assertThat(englishLabelsOn(browser)).as("English labels left on %s (%s)", screen, browser.driver.getCurrentUrl())
                .isEmpty();
    }

    /** The labels of {@link #ENGLISH_LABELS} the page shows, alone or in a list ("READ, TASK_WORK"). */
    static List<String> englishLabelsOn(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) ((JavascriptExecutor) browser.driver).executeScript(VISIBLE_TEXTS);
        return seen.stream().flatMap(text -> Arrays.stream(text.split(", "))).filter(ENGLISH_LABELS::contains).distinct()
                .toList();
    }

    /** Clicks the link or button of the dialog labelled exactly so, once it is there. */
    void clickInDialog(String text) {
        waitFor(text, () -> (Boolean) ((JavascriptExecutor) browser.driver).executeScript("""
                const link = [...document.querySelectorAll('.modal-content a, .modal-content button')]
                    .find((e) => e.offsetParent && e.textContent.trim() === arguments[0]);
                if (link) link.click();
                return !!link;""", text));
    }

    /** The texts of the elements (read in the page: AngularJS replaces elements while it renders). */
    List<String> texts(String css) {
        return script("return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.trim())", css);
    }

    List<String> attributes(String css, String attribute) {
        return script("return [...document.querySelectorAll(arguments[0])].map((e) => e.getAttribute(arguments[1]))", css,
                attribute);
    }

    @SuppressWarnings("unchecked")
    List<String> script(String script, Object... arguments) {
        return (List<String>) ((JavascriptExecutor) browser.driver).executeScript(script, arguments);
    }

    void waitFor(String what, Supplier<Boolean> condition) {
        try {
            new WebDriverWait(browser.driver, Duration.ofSeconds(30), Duration.ofMillis(100)).until(d -> condition.get());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + " did not appear on " + browser.driver.getCurrentUrl() + "; the page shows:\n"
                    + browser.driver.findElement(By.tagName("body")).getText(), e);
        }
    }
}
