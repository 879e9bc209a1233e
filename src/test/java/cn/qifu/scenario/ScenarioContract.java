package cn.qifu.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.CreditCode;
import cn.qifu.testsupport.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every 一类事 of the catalogue run end to end: the application over the API, the front desk's materials check, each
 * basic item through the department adapter to the department simulator over real HTTP, value-added items, the
 * result and the rating. Run on each database by the subclasses.
 */
abstract class ScenarioContract {

    static final String TUESDAY = "2025-06-03T10:00:00+08:00";

    @Autowired
    ProcessEngine engine;
    @Autowired
    ScenarioService scenarios;
    @Autowired
    TestRestTemplate http;

    static int enterprise = 5000;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(TUESDAY).toInstant()));
        for (String code : List.of("amr", "psb", "tax", "hrss", "medins", "hpf")) {
            http.delete("/simulator/departments/" + code);
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static Stream<String> scenarioCodes() {
        return ScenarioCatalog.read().stream().map(Scenario::code);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    static String creditCode() {
        String first17 = "91330521" + String.format("%09d", enterprise++);
        return first17 + CreditCode.checkCharacter(first17);
    }

    Map<String, Object> request(List<String> valueAdded, List<String> materials) {
        Map<String, Object> body = new HashMap<>();
        body.put("creditCode", creditCode());
        body.put("enterpriseName", "一类事测试企业有限公司");
        body.put("contactName", "赵六");
        body.put("contactPhone", "13700000000");
        body.put("channel", "ONLINE");
        body.put("valueAddedItems", valueAdded);
        body.put("providedMaterials", materials);
        return body;
    }

    ResponseEntity<JsonNode> apply(String scenario, Map<String, Object> body) {
        return http.withBasicAuth("channel1", "demo").postForEntity("/api/scenarios/" + scenario + "/applications",
                new HttpEntity<>(body, json()), JsonNode.class);
    }

    long applied(String scenario, List<String> valueAdded) {
        ResponseEntity<JsonNode> created = apply(scenario, request(valueAdded,
                scenarios.scenario(scenario).guide().materials()));
        assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
        return created.getBody().get("id").asLong();
    }

    Application application(long id) {
        return scenarios.get(id);
    }

    /** The job of an activity of an application (or of an instance it called), e.g. the async submission. */
    Job job(long id, String activityId) {
        // (not jobId + activityId together: Camunda 7.24 renders that query without its AND)
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(application(id).applicationNo()).list().stream()
                .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                        .activityId(activityId).list().stream())
                .findFirst().orElseThrow(() -> new AssertionError("no job at " + activityId));
    }

    /** The jobs of an application: of its own instance and of the instances it called (same business key). */
    List<Job> jobs(long id) {
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(application(id).applicationNo()).list().stream()
                .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list().stream())
                .toList();
    }

    List<Task> tasks(long id, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(application(id).applicationNo())
                .taskDefinitionKey(key).list();
    }

    void complete(Task task, String user, Object... variables) {
        Staff.complete(engine, task, user, variables);
    }

    void materialsComplete(long id) {
        complete(tasks(id, "checkMaterials").get(0), "frontdesk1", "missingMaterials", List.of());
    }

    /** Runs every job that is due, as the job executor would, until none is left (a failing job is left failed). */
    int drainJobs() {
        int executed = 0;
        for (int round = 0; round < 100; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().active().list();
            if (due.isEmpty()) {
                return executed;
            }
            boolean progress = false;
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                    executed++;
                    progress = true;
                } catch (RuntimeException failed) {
                    // as in the job executor: retries go down, the next try waits (back-off)
                }
            }
            if (!progress) {
                return executed;
            }
        }
        return executed;
    }

    List<JsonNode> simulatorItems(String department) {
        JsonNode items = http.getForObject("/simulator/departments/" + department + "/items", JsonNode.class);
        return Stream.iterate(0, i -> i < items.size(), i -> i + 1).map(items::get).toList();
    }

    void behave(String department, String json) {
        http.exchange("/simulator/departments/" + department + "/behaviour", HttpMethod.PUT,
                new HttpEntity<>(json, json()), JsonNode.class);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void rate(long id, String rating) {
        ResponseEntity<JsonNode> rated = http.withBasicAuth("channel1", "demo").postForEntity(
                "/api/applications/" + id + "/evaluation", new HttpEntity<>(Map.of("rating", rating), json()), JsonNode.class);
        assertThat(rated.getStatusCode().value()).as(String.valueOf(rated.getBody())).isEqualTo(200);
    }

    // ---- the catalogue and its diagrams ----------------------------------------------------------------------------

    /** Adding a scenario to the catalogue without its diagram (or with other items) fails here. */
    @Test
    void everyScenarioOfTheCatalogueHasItsDiagramWithExactlyItsItems() {
        List<Scenario> catalogue = ScenarioCatalog.read();
        assertThat(catalogue).filteredOn(s -> "COMMON".equals(s.kind())).hasSize(24);
        Set<String> deployed = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
                .stream().map(ProcessDefinition::getKey).filter(k -> k.startsWith("scenario-")).collect(Collectors.toSet());
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(catalogue.stream().map(Scenario::processKey).toList());
        for (Scenario scenario : catalogue) {
            ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(scenario.processKey()).latestVersion().singleResult();
            BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
            Set<String> called = model.getModelElementsByType(CallActivity.class).stream()
                    .map(c -> c.getId().replaceFirst("^item_", "")).collect(Collectors.toSet());
            assertThat(called).as(scenario.code()).containsExactlyInAnyOrderElementsOf(
                    scenario.basicItems().stream().map(Scenario.BasicItem::code).toList());
            assertThat(model.getModelElementsByType(CallActivity.class))
                    .allSatisfy(c -> assertThat(c.getCalledElement()).isEqualTo("scenarioBasicItem"));
        }
    }

    @Test
    void theCatalogueAndItsServiceGuides() {
        JsonNode all = http.withBasicAuth("channel1", "demo").getForObject("/api/scenarios", JsonNode.class);
        assertThat(all).hasSize(34);
        JsonNode opening = http.withBasicAuth("channel1", "demo").getForObject("/api/scenarios/companyOpening", JsonNode.class);
        assertThat(opening.get("name").asText()).isEqualTo("企业开办");
        assertThat(opening.get("leadDepartment").get("name").asText()).isEqualTo("市场监管局");
        assertThat(opening.at("/guide/materials").size()).isPositive();
        assertThat(opening.at("/guide/howLong").asText()).contains("工作日");
        assertThat(opening.get("basicItems")).anySatisfy(i -> {
            assertThat(i.get("code").asText()).isEqualTo("sealEngraving");
            assertThat(i.get("step").asInt()).isEqualTo(2);
            assertThat(i.get("department").get("name").asText()).isEqualTo("公安局");
        });
        assertThat(opening.get("valueAddedItems")).anySatisfy(v -> assertThat(v.get("side").asText()).isEqualTo("MARKET"));
        assertThat(http.withBasicAuth("channel1", "demo").getForEntity("/api/scenarios/nothing", JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    // ---- every scenario end to end ---------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("scenarioCodes")
    void runsToCompletionAgainstTheDepartments(String code) {
        Scenario scenario = scenarios.scenario(code);
        long id = applied(code, List.of());
        materialsComplete(id);
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.HANDLING);
        drainJobs();
        Application done = application(id);
        assertThat(done.status()).as(code + " " + scenarios.items(id)).isEqualTo(ApplicationStatus.AWAITING_RATING);
        List<ApplicationItem> items = scenarios.items(id);
        assertThat(items).hasSize(scenario.basicItems().size()).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo("DONE");
            assertThat(item.reference()).isNotBlank();
            assertThat(item.dueAt()).isNotNull();
        });
        // every item arrived at its department once, over HTTP
        for (Scenario.BasicItem item : scenario.basicItems()) {
            assertThat(simulatorItems(item.department()))
                    .filteredOn(i -> i.get("idempotencyKey").asText().equals(done.applicationNo() + ":" + item.code()))
                    .singleElement().satisfies(i -> assertThat(i.get("submissions").asInt()).isEqualTo(1));
        }
        assertThat(done.result()).contains(scenario.basicItems().get(0).name());
        rate(id, "SATISFIED");
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.CLOSED);
    }

    // ---- the particular paths --------------------------------------------------------------------------------------

    @Test
    void registrationBeforeTheSealThenTheRestTogether() {
        long id = applied("companyOpening", List.of());
        materialsComplete(id);
        List<Job> first = jobs(id).stream().filter(j -> j.getDuedate() == null || !j.getDuedate().after(ClockUtil.getCurrentTime()))
                .toList();
        assertThat(first).hasSize(1);
        assertThat(scenarios.items(id)).filteredOn(i -> i.startedAt() != null).extracting(ApplicationItem::itemCode)
                .containsExactly("companyRegistration");
        engine.getManagementService().executeJob(first.get(0).getId());
        List<Job> then = jobs(id).stream().filter(j -> j.getDuedate() == null || !j.getDuedate().after(ClockUtil.getCurrentTime()))
                .toList();
        assertThat(then).hasSize(5);
        drainJobs();
        Map<String, ApplicationItem> items = scenarios.items(id).stream()
                .collect(Collectors.toMap(ApplicationItem::itemCode, i -> i));
        assertThat(items.get("sealEngraving").startedAt()).isAfterOrEqualTo(items.get("companyRegistration").doneAt());
        // 企业开办: one working day overall, each item one working day, on the working-day calendar
        Application application = application(id);
        assertThat(application.deadlineAt()).isEqualTo(OffsetDateTime.parse("2025-06-05T00:00:00+08:00").toInstant());
        assertThat(items.get("sealEngraving").dueAt()).isEqualTo(OffsetDateTime.parse("2025-06-05T00:00:00+08:00").toInstant());
    }

    @Test
    void missingMaterialsAreAskedForInOneGo() {
        ResponseEntity<JsonNode> created = apply("companyOpening", request(List.of(), List.of("公司章程")));
        long id = created.getBody().get("id").asLong();
        List<String> guide = scenarios.scenario("companyOpening").guide().materials();
        List<String> missing = guide.subList(2, 5);
        complete(tasks(id, "checkMaterials").get(0), "frontdesk1", "missingMaterials", missing);
        Application waiting = application(id);
        assertThat(waiting.status()).isEqualTo(ApplicationStatus.MATERIALS_MISSING);
        assertThat(waiting.missingMaterials().split("\n")).containsExactlyElementsOf(missing);
        assertThat(scenarios.timeline(id)).filteredOn(e -> e.action().equals("MATERIALS_NOTICE")).singleElement()
                .satisfies(e -> missing.forEach(m -> assertThat(e.detail()).contains(m)));
        assertThat(jobs(id)).as("nothing sent to departments yet").isEmpty();

        ResponseEntity<JsonNode> supplied = http.withBasicAuth("channel1", "demo").postForEntity(
                "/api/applications/" + id + "/materials", new HttpEntity<>(Map.of("materials", missing), json()), JsonNode.class);
        assertThat(supplied.getStatusCode().value()).isEqualTo(200);
        assertThat(tasks(id, "checkMaterials")).hasSize(1);
        materialsComplete(id);
        drainJobs();
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
        assertThat(http.withBasicAuth("channel1", "demo").postForEntity("/api/applications/" + id + "/materials",
                new HttpEntity<>(Map.of("materials", missing), json()), JsonNode.class).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void chosenValueAddedItemsGoToTheirProviders() {
        long id = applied("companyOpening", List.of("bankAccountBooking", "freeDelivery"));
        materialsComplete(id);
        drainJobs();
        List<Task> valueAdded = tasks(id, "deliverValueAdded");
        assertThat(valueAdded).hasSize(2);
        for (Task task : valueAdded) {
            String provider = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId();
            assertThat(provider).isIn("bank", "center");
            complete(task, provider + "1", "serviceNote", "已提供");
        }
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
        assertThat(scenarios.items(id)).filteredOn(i -> "VALUE_ADDED".equals(i.kind()))
                .extracting(ApplicationItem::status).containsOnly("DONE");

        long none = applied("companyOpening", List.of());
        materialsComplete(none);
        drainJobs();
        assertThat(tasks(none, "deliverValueAdded")).isEmpty();
        assertThat(application(none).status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
    }

    @Test
    void aDepartmentDownRetriesThenAnIncidentThenTheRetrySucceedsOnce() {
        behave("amr", "{\"mode\":\"DOWN\"}");
        long id = applied("accessPermit", List.of());
        materialsComplete(id);
        Job job = job(id, "submitItem");
        for (int attempt = 0; attempt < 10 && engine.getRuntimeService().createIncidentQuery().count() == 0; attempt++) {
            Job current = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
            ClockUtil.setCurrentTime(new Date(Math.max(ClockUtil.getCurrentTime().getTime(),
                    current.getDuedate() == null ? 0 : current.getDuedate().getTime()) + 1000));
            try {
                engine.getManagementService().executeJob(job.getId());
            } catch (RuntimeException expected) {
                assertThat(expected).hasMessageContaining("amr");
            }
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(
                engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getProcessInstanceId())
                .list()).singleElement().satisfies(incident -> assertThat(incident.getIncidentMessage()).contains("amr"));
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries()).isZero();

        // the department is back; an operator retries in Cockpit (set retries), and it goes through once
        behave("amr", "{\"mode\":\"NORMAL\"}");
        engine.getManagementService().setJobRetries(job.getId(), 1);
        engine.getManagementService().executeJob(job.getId());
        drainJobs();
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
        assertThat(engine.getRuntimeService().createIncidentQuery().incidentMessageLike("%amr%").list())
                .noneMatch(incident -> jobs(id).stream().anyMatch(j -> j.getId().equals(incident.getConfiguration())));
        assertThat(simulatorItems("amr")).singleElement().satisfies(i -> assertThat(i.get("status").asText()).isEqualTo("DONE"));
    }

    @Test
    void aTimeoutAfterTheDepartmentTookTheItemNeverRegistersItTwice() {
        behave("amr", "{\"mode\":\"SLOW\",\"delayMillis\":7000}");
        long id = applied("accessPermit", List.of());
        materialsComplete(id);
        Job job = job(id, "submitItem");
        try {
            engine.getManagementService().executeJob(job.getId());
        } catch (RuntimeException timedOut) {
            assertThat(timedOut).hasMessageContaining("amr");
        }
        // the department did take it: its slow answer just came too late for the adapter
        for (int wait = 0; wait < 100 && simulatorItems("amr").isEmpty(); wait++) {
            sleep(100);
        }
        assertThat(simulatorItems("amr")).singleElement().satisfies(i -> assertThat(i.get("submissions").asInt()).isEqualTo(1));
        behave("amr", "{\"mode\":\"NORMAL\"}");
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
        drainJobs();
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
        assertThat(simulatorItems("amr")).singleElement().satisfies(i -> {
            assertThat(i.get("submissions").asInt()).isEqualTo(2);
            assertThat(i.get("status").asText()).isEqualTo("DONE");
        });
    }

    @Test
    void theDepartmentCompletesAnItemByHandWhileItsSystemIsDown() {
        behave("amr", "{\"mode\":\"DOWN\"}");
        long id = applied("accessPermit", List.of());
        materialsComplete(id);
        drainJobs();
        // after the fallback time the department's clerks get a 人工办理 task
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 16 * 60_000));
        Job fallback = job(id, "systemNotReached");
        engine.getManagementService().executeJob(fallback.getId());
        Task manual = tasks(id, "handleManually").get(0);
        assertThat(engine.getTaskService().getIdentityLinksForTask(manual.getId()))
                .anyMatch(l -> "amr".equals(l.getGroupId()));
        complete(manual, "amr1", "manualResult", "已在窗口人工办理，许可证号 浙XK-2025-001");
        drainJobs();
        assertThat(scenarios.items(id)).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo("MANUAL");
            assertThat(item.handledBy()).isEqualTo("amr1");
        });
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
        assertThat(jobs(id)).as("the stuck submission ended with the item").noneMatch(j -> j.getRetries() == 0);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(application(id).processInstanceId())
                .count()).isZero();
    }

    @Test
    void anUnsatisfiedRatingBecomesAProblemInTheLoop() {
        long id = applied("accessPermit", List.of());
        materialsComplete(id);
        drainJobs();
        http.withBasicAuth("channel1", "demo").postForEntity("/api/applications/" + id + "/evaluation",
                new HttpEntity<>(Map.of("rating", "UNSATISFIED", "comment", "许可证寄递太慢"), json()), JsonNode.class);
        Application closed = application(id);
        assertThat(closed.status()).isEqualTo(ApplicationStatus.CLOSED);
        assertThat(closed.followUpProblemId()).isNotNull();
        JsonNode problem = http.withBasicAuth("supervisor1", "demo").getForObject("/api/problems/" + closed.followUpProblemId(),
                JsonNode.class);
        assertThat(problem.get("description").asText()).contains("许可证寄递太慢");
        assertThat(problem.get("status").asText()).isEqualTo("PENDING_ACCEPTANCE");
    }

    @Test
    void noRatingWithinThreeWorkingDaysCountsAsSatisfied() {
        long id = applied("accessPermit", List.of());
        materialsComplete(id);
        drainJobs();
        Job timer = engine.getManagementService().createJobQuery().timers().activityId("scenarioRatingOver")
                .processInstanceId(application(id).processInstanceId()).singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse("2025-06-07T00:00:00+08:00").toInstant()));
        ClockUtil.setCurrentTime(timer.getDuedate());
        engine.getManagementService().executeJob(timer.getId());
        assertThat(application(id).status()).isEqualTo(ApplicationStatus.CLOSED);
        assertThat(application(id).ratingByDefault()).isTrue();
    }

    @Test
    void theFrontDeskRegistersAnApplicationAndTheChosenServicesInTasklist() {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ScenarioService.APPLICATION_PROCESS).latestVersion().singleResult().getId();
        Map<String, Object> form = request(List.of(), List.of());
        form.remove("valueAddedItems");
        form.remove("providedMaterials");
        form.put("scenarioCode", "companyOpening");
        form.put("channel", "WINDOW");
        engine.getIdentityService().setAuthentication("frontdesk1", List.of("frontdesk"));
        String businessKey;
        try {
            businessKey = engine.getFormService().submitStartForm(definition, form).getBusinessKey();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(businessKey).startsWith("SX");
        Task check = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskDefinitionKey("checkMaterials").singleResult();
        assertThat(engine.getTaskService().getVariableLocal(check.getId(), "valueAddedOptions").toString())
                .contains("freeDelivery").contains("提供办理结果免费快递送达服务");
        complete(check, "frontdesk1", "missingMaterials", List.of(), "valueAddedChosen", List.of("freeDelivery"));
        drainJobs();
        Task delivery = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskDefinitionKey("deliverValueAdded").singleResult();
        assertThat(engine.getTaskService().getIdentityLinksForTask(delivery.getId()))
                .anyMatch(l -> "center".equals(l.getGroupId()));
        complete(delivery, "center1", "serviceNote", "结果已寄出，单号 SF123");
        Application application = scenarios.byNumber(businessKey).orElseThrow();
        assertThat(application.status()).isEqualTo(ApplicationStatus.AWAITING_RATING);
        assertThat(application.submittedBy()).isEqualTo("frontdesk1");
    }

    @Test
    void badApplicationsAreRefusedFieldByField() {
        Map<String, Object> bad = request(List.of("noSuchService"), List.of(""));
        bad.put("creditCode", "123");
        bad.put("basicItems", List.of("noSuchItem"));
        ResponseEntity<JsonNode> refused = apply("companyOpening", bad);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        Map<String, String> fields = new HashMap<>();
        refused.getBody().get("errors").forEach(e -> fields.put(e.get("field").asText(), e.get("code").asText()));
        assertThat(fields).containsEntry("creditCode", "INVALID_LENGTH").containsEntry("valueAddedItems", "UNKNOWN_VALUE")
                .containsEntry("basicItems", "UNKNOWN_VALUE").containsEntry("providedMaterials", "INVALID_VALUE");
        assertThat(apply("noSuchScenario", request(List.of(), List.of())).getStatusCode().value()).isEqualTo(404);
    }
}
