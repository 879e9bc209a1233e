package cn.qifu.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.catalog.Board;
import cn.qifu.catalog.CatalogMapper;
import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.catalog.DepartmentKind;
import cn.qifu.catalog.Level;
import cn.qifu.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the foundation promises, run once per database (see the subclasses): the application starts, deploys every
 * designer's file, keeps strangers out, lets each department work only its own tasks, and reads back what it wrote.
 */
abstract class FoundationContract {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    CatalogService catalog;
    @Autowired
    CatalogMapper catalogMapper;
    @Autowired
    Flyway flyway;

    @Test
    void everyFileOfProcessesAndFormsIsDeployed() throws IOException {
        Set<String> deployed = new HashSet<>();
        for (Deployment deployment : engine.getRepositoryService().createDeploymentQuery().list()) {
            engine.getRepositoryService().getDeploymentResourceNames(deployment.getId())
                    .forEach(name -> deployed.add(name.replace('\\', '/')));
        }
        List<String> files = new ArrayList<>();
        for (String dir : List.of("processes", "forms")) {
            try (Stream<Path> paths = Files.walk(Path.of(dir))) {
                paths.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(bpmn|dmn|form)$"))
                        .forEach(p -> files.add(p.toString().replace('\\', '/')));
            }
        }
        assertThat(files).anyMatch(f -> f.endsWith(".bpmn")).anyMatch(f -> f.endsWith(".form"));
        for (String file : files) {
            assertThat(deployed).as("deployed resources").anyMatch(name -> name.endsWith(file));
        }
    }

    /** What a process designer does from Camunda Modeler: deploy a diagram and its form to /engine-rest. */
    @Test
    void aDesignerDeploysFromCamundaModelerWithCredentials() {
        org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        parts.add("deployment-name", "modeler-check");
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("modeler-check.bpmn", new org.springframework.core.io.ClassPathResource("foundation/modeler-check.bpmn"));
        parts.add("modeler-check.form", new org.springframework.core.io.ClassPathResource("foundation/modeler-check.form"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        HttpEntity<Object> request = new HttpEntity<>(parts, headers);
        assertThat(http.postForEntity("/engine-rest/deployment/create", request, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("amr1", "demo").postForEntity("/engine-rest/deployment/create", request,
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> deployed = http.withBasicAuth("demo", "demo")
                .postForEntity("/engine-rest/deployment/create", request, JsonNode.class);
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deployed.getBody().get("deployedProcessDefinitions").toString()).contains("modelerCheck");

        // the running engine uses it at once, with its form
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("modelerCheck");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        JsonNode form = http.withBasicAuth("frontdesk1", "demo").getForObject("/engine-rest/task/" + task.getId() + "/form",
                JsonNode.class);
        assertThat(form.at("/camundaFormRef/key").asText()).isEqualTo("modeler-check");
        ResponseEntity<String> deployedForm = http.withBasicAuth("frontdesk1", "demo")
                .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
        assertThat(deployedForm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deployedForm.getBody()).contains("备注");
        engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test done");
    }

    @Test
    void engineRestAsksForCredentials() {
        assertThat(http.getForEntity("/engine-rest/process-definition/count", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // (a wrong password would hold back that user's next logins for seconds: try it on an account no test uses)
        assertThat(http.withBasicAuth("nobody", "wrong-password")
                .getForEntity("/engine-rest/process-definition/count", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<JsonNode> ok = http.withBasicAuth("demo", "demo")
                .getForEntity("/engine-rest/process-definition/count", JsonNode.class);
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody().get("count").asInt()).isPositive();
    }

    @Test
    void apiAsksForCredentialsAndServesTheCatalogue() {
        ResponseEntity<JsonNode> anonymous = http.getForEntity("/api/catalog/departments", JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getBody().get("code").asText()).isEqualTo("UNAUTHENTICATED");

        JsonNode departments = http.withBasicAuth("amr1", "demo").getForObject("/api/catalog/departments", JsonNode.class);
        assertThat(departments.size()).isEqualTo(catalog.departments().size()).isGreaterThan(30);
        Set<String> codes = new HashSet<>();
        for (JsonNode d : departments) {
            codes.add(d.get("code").asText());
            assertThat(d.get("name").asText()).matches(".*\\p{IsHan}.*");
            assertThat(Level.valueOf(d.get("level").asText()).label()).isEqualTo(d.get("levelName").asText());
        }
        assertThat(codes).contains("amr", "tax", "center");
        // 三级联动: every department that names a level above it names one that exists
        for (JsonNode d : departments) {
            if (d.hasNonNull("parentCode")) {
                assertThat(codes).contains(d.get("parentCode").asText());
            }
        }
        assertThat(catalog.department("amr").orElseThrow().parentCode()).isEqualTo("cityamr");
        assertThat(catalog.department("stdixin").orElseThrow().level()).isEqualTo(Level.COMMUNITY);

        JsonNode boards = http.withBasicAuth("amr1", "demo").getForObject("/api/catalog/boards", JsonNode.class);
        List<String> boardNames = new ArrayList<>();
        boards.forEach(b -> {
            boardNames.add(b.get("shortName").asText());
            assertThat(codes).contains(b.get("leadDepartment").asText());
        });
        assertThat(boardNames).containsExactly("项目", "政策", "金融", "人才", "法治", "科创", "开放", "诉求/数据", "兜底/其他");
    }

    @Test
    void everyRoleAndDepartmentIsAGroupWithADemoUser() {
        List<String> groups = new ArrayList<>();
        for (Role role : Role.values()) {
            groups.add(role.groupId());
        }
        catalog.departments().forEach(d -> groups.add(d.code()));
        for (String group : groups) {
            assertThat(engine.getIdentityService().createGroupQuery().groupId(group).count()).as(group).isEqualTo(1);
            assertThat(engine.getIdentityService().createUserQuery().userId(group + "1").memberOfGroup(group).count())
                    .as("demo user of " + group).isEqualTo(1);
            assertThat(engine.getIdentityService().checkPassword(group + "1", "demo")).isTrue();
        }
        assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
    }

    @Test
    void aDepartmentSeesAndWorksOnlyItsOwnTasks() {
        engine.getRepositoryService().createDeployment().name("foundation-test")
                .addClasspathResource("foundation/two-departments.bpmn").enableDuplicateFiltering(true).deploy();
        ProcessInstance instance = engine.getRuntimeService()
                .startProcessInstanceByKey("twoDepartments", Map.of("deptA", "amr", "deptB", "tax"));
        Task amrTask = task(instance, "taskA");
        Task taxTask = task(instance, "taskB");
        TestRestTemplate amr = http.withBasicAuth("amr1", "demo");

        JsonNode visible = amr.getForObject("/engine-rest/task?processInstanceId=" + instance.getId(), JsonNode.class);
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("id").asText()).isEqualTo(amrTask.getId());
        assertThat(amr.getForEntity("/engine-rest/task/" + taxTask.getId(), String.class).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

        assertThat(post(amr, "/engine-rest/task/" + taxTask.getId() + "/claim", "{\"userId\":\"amr1\"}"))
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(post(amr, "/engine-rest/task/" + taxTask.getId() + "/complete", "{}"))
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(task(instance, "taskB").getAssignee()).isNull();

        assertThat(post(amr, "/engine-rest/task/" + amrTask.getId() + "/claim", "{\"userId\":\"amr1\"}"))
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post(amr, "/engine-rest/task/" + amrTask.getId() + "/complete", "{}"))
                .isEqualTo(HttpStatus.NO_CONTENT);

        // the other department, and a supervisor who reads all but works none
        TestRestTemplate tax = http.withBasicAuth("tax1", "demo");
        assertThat(tax.getForObject("/engine-rest/task?processInstanceId=" + instance.getId(), JsonNode.class)).hasSize(1);
        TestRestTemplate supervisor = http.withBasicAuth("supervisor1", "demo");
        assertThat(supervisor.getForObject("/engine-rest/task?processInstanceId=" + instance.getId(), JsonNode.class))
                .hasSize(1);
        assertThat(post(supervisor, "/engine-rest/task/" + taxTask.getId() + "/complete", "{}"))
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(post(tax, "/engine-rest/task/" + taxTask.getId() + "/complete", "{}")).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
                .isZero();
    }

    @Test
    void flywayMigratedAndTheMappersReadBackWhatTheyWrote() {
        for (MigrationInfo migration : flyway.info().applied()) {
            assertThat(migration.getState()).as(migration.getScript()).isIn(MigrationState.SUCCESS, MigrationState.BASELINE);
        }
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).anyMatch(m -> m.getState() == MigrationState.SUCCESS);

        Department probe = new Department("zzprobe", "测试部门（读写检查）", Level.PARK, DepartmentKind.SOCIAL, "center");
        catalogMapper.insertDepartment(probe, 9999);
        try {
            assertThat(catalogMapper.activeDepartments()).contains(probe);
            Department renamed = new Department("zzprobe", "测试部门（已改名）", Level.CITY, DepartmentKind.MARKET, null);
            assertThat(catalogMapper.updateDepartment(renamed, 9999)).isEqualTo(1);
            assertThat(catalogMapper.activeDepartments()).contains(renamed).doesNotContain(probe);
            catalogMapper.retireDepartment("zzprobe");
            assertThat(catalogMapper.activeDepartments()).extracting(Department::code).doesNotContain("zzprobe");
            assertThat(catalogMapper.allDepartmentCodes()).contains("zzprobe");
        } finally {
            catalogMapper.retireDepartment("zzprobe");
        }
        List<Board> boards = catalogMapper.boards();
        assertThat(boards).hasSize(9).allSatisfy(b -> assertThat(b.name()).contains(b.shortName().split("/")[0]));
    }

    private Task task(ProcessInstance instance, String activityId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(activityId).singleResult();
    }

    private static HttpStatus post(TestRestTemplate client, String url, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return HttpStatus.valueOf(client.exchange(url, HttpMethod.POST, new HttpEntity<>(json, headers), String.class)
                .getStatusCode().value());
    }
}
