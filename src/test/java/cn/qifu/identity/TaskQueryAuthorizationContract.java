package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.system.FewGroupsAuthorizationManager;
import cn.qifu.system.NewTaskGrants;
import cn.qifu.system.TaskQueryShortcut;
import cn.qifu.system.TasklistQuery;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.Direction;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryProperty;
import org.camunda.bpm.engine.impl.VariableOrderProperty;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.cfg.auth.ResourceAuthorizationProvider;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.glassfish.jersey.internal.util.collection.MultivaluedStringMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task query the engine runs for Tasklist and {@code /engine-rest/task} is this application's copy with the
 * authorization asked per task (system.TasklistQuery): it lists exactly the tasks Camunda's own statement lists, for a
 * clerk (grants per task), for the center's staff and for a user who may see nothing, and a task looked up by what names
 * it in a problem through a statement of those few conditions (system.TaskQueryShortcut). Whether a user may do something
 * (system.FewGroupsAuthorizationManager, system.GrantCheck) is answered as Camunda's own manager and statement answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskQueryAuthorizationContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;

    Problem taxProblem;
    Problem amrProblem;

    @BeforeEach
    void aProblemAtEachDepartment() {
        if (taxProblem == null) {
            taxProblem = AccessFixtures.atDepartment(engine, problems, "channel1", "tax");
            amrProblem = AccessFixtures.atDepartment(engine, problems, "channel1", "amr");
        }
    }

    DbSqlSessionFactory sessions() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
    }

    @Test
    void theEngineRunsTheCopyForListsAndCounts() {
        assertThat(sessions().mapStatement("selectTaskByQueryCriteria"))
                .isEqualTo("cn.qifu.system.TasklistQuery.selectTaskByQueryCriteriaOrLookUp_qifu");
        assertThat(sessions().mapStatement("selectTaskCountByQueryCriteria"))
                .isEqualTo("cn.qifu.system.TasklistQuery.selectTaskCountByQueryCriteria_qifu");
        // every other statement is Camunda's
        assertThat(sessions().mapStatement("selectTask")).isEqualTo("selectTask");
    }

    @Test
    void aClerkSeesHisDepartmentsTasksAndNoOthers() {
        List<String> amr = as("amr1", () -> ids(engine.getTaskService().createTaskQuery()
                .taskCandidateGroupIn(List.of("amr")).taskUnassigned().orderByDueDate().asc().list()));
        String amrTask = task(amrProblem, "amr").getId();
        String taxTask = task(taxProblem, "tax").getId();
        assertThat(amr).contains(amrTask).doesNotContain(taxTask);
        // even when asking for the other department's candidate group, or for everything
        assertThat(as("amr1", () -> ids(engine.getTaskService().createTaskQuery().taskCandidateGroup("tax").list())))
                .isEmpty();
        List<String> everything = as("amr1", () -> ids(engine.getTaskService().createTaskQuery().list()));
        assertThat(everything).contains(amrTask).doesNotContain(taxTask);
        assertThat(as("amr1", () -> engine.getTaskService().createTaskQuery().count())).isEqualTo(everything.size());
    }

    @Test
    void theSameTasksAsCamundasOwnStatement() {
        // the shapes Tasklist and the REST API ask: whole lists, pages chosen by the task's own columns (the page's ids
        // first), orderings the copy reads as Camunda does (a variable, a function of a column), no ordering at all
        Map<String, Function<TaskService, List<String>>> lists = new LinkedHashMap<>();
        lists.put("all, by due date and id", t -> ids(t.createTaskQuery().orderByDueDate().asc().orderByTaskId().asc()
                .list()));
        lists.put("unassigned, first page", t -> ids(t.createTaskQuery().taskUnassigned().orderByDueDate().asc()
                .orderByTaskId().asc().listPage(0, 15)));
        lists.put("second page of one, by created desc", t -> ids(t.createTaskQuery().orderByTaskCreateTime().desc()
                .orderByTaskId().desc().listPage(1, 1)));
        lists.put("candidate groups, by due date", t -> ids(t.createTaskQuery().taskCandidateGroupIn(List.of("amr", "tax"))
                .orderByDueDate().asc().orderByTaskId().asc().listPage(0, 15)));
        lists.put("by name, case-insensitive", t -> ids(t.createTaskQuery().orderByTaskNameCaseInsensitive().asc()
                .orderByTaskId().asc().list()));
        lists.put("by a variable", t -> ids(t.createTaskQuery().orderByProcessVariable("problemId", ValueType.LONG)
                .desc().orderByTaskId().asc().list()));
        lists.put("no ordering", t -> ids(t.createTaskQuery().list()));
        // a task looked up by what names it in a problem (system.TaskQueryShortcut), and one that asks a little more
        String amrInstance = amrProblem.processInstanceId();
        String taxNumber = taxProblem.problemNo();
        String amrTask = task(amrProblem, "amr").getId();
        lists.put("look-up: process instance and key", t -> ids(t.createTaskQuery().processInstanceId(amrInstance)
                .taskDefinitionKey("signFor").list()));
        lists.put("look-up: problem number and key", t -> ids(t.createTaskQuery().processInstanceBusinessKey(taxNumber)
                .taskDefinitionKey("signFor").list()));
        lists.put("look-up: problem number", t -> ids(t.createTaskQuery().processInstanceBusinessKey(taxNumber).list()));
        lists.put("look-up: process instance, by created desc", t -> ids(t.createTaskQuery()
                .processInstanceId(amrInstance).orderByTaskCreateTime().desc().orderByTaskId().asc().list()));
        lists.put("look-up: key, first page by due date", t -> ids(t.createTaskQuery().taskDefinitionKey("signFor")
                .orderByDueDate().asc().orderByTaskId().asc().listPage(0, 1)));
        lists.put("look-up: task id", t -> ids(t.createTaskQuery().taskId(amrTask).list()));
        lists.put("more than a look-up: problem number and candidate group", t -> ids(t.createTaskQuery()
                .processInstanceBusinessKey(taxNumber).taskCandidateGroup("tax").list()));
        // null: nobody logged in, as the application's own services ask (no authorization check)
        for (String user : Arrays.asList("amr1", "tax1", "frontdesk1", "supervisor1", "enterprise-nobody", null)) {
            Map<String, List<String>> ours = new LinkedHashMap<>();
            lists.forEach((name, list) -> ours.put(name, as(user, () -> list.apply(engine.getTaskService()))));
            Supplier<Long> count = () -> as(user, () -> engine.getTaskService().createTaskQuery().count());
            long ourCount = count.get();
            Map<String, String> mappings = sessions().getStatementMappings();
            Map<String, String> camunda = new HashMap<>(mappings);
            camunda.remove("selectTaskByQueryCriteria");
            camunda.remove("selectTaskCountByQueryCriteria");
            sessions().setStatementMappings(camunda);
            try {
                lists.forEach((name, list) -> assertThat(ours.get(name)).as(user + ": " + name)
                        .isEqualTo(as(user, () -> list.apply(engine.getTaskService()))));
                assertThat(ourCount).as(user).isEqualTo(count.get()).isEqualTo(ours.get("no ordering").size());
            } finally {
                sessions().setStatementMappings(mappings);
            }
            List<String> all = ours.get("all, by due date and id");
            if ("amr1".equals(user) || "tax1".equals(user)) {
                assertThat(all).as(user + " sees his department's task").isNotEmpty();
                assertThat(ours.get(user.equals("amr1") ? "look-up: process instance and key"
                        : "look-up: problem number and key")).as(user + " looks his department's task up").hasSize(1);
            } else if (user == null) {
                assertThat(ours.get("look-up: process instance and key")).as("nobody logged in").hasSize(1);
                assertThat(ours.get("look-up: problem number")).as("nobody logged in").hasSize(1);
            } else if (user.equals("enterprise-nobody")) {
                assertThat(all).as("a user without grants").isEmpty();
            }
        }
    }

    @Test
    void theRestApisLookUpIsReadByTheShortStatement() {
        // Tasklist's and a script's "which task of this problem": GET /engine-rest/task?processInstanceBusinessKey=…
        // &taskDefinitionKey=…, as Camunda's REST API turns it into a query
        var parameters = new MultivaluedStringMap();
        parameters.add("processInstanceBusinessKey", taxProblem.problemNo());
        parameters.add("taskDefinitionKey", "signFor");
        var lookUp = new TaskQueryDto(new ObjectMapper(),
                parameters).toQuery(engine);
        assertThat(TaskQueryShortcut.applies(lookUp)).isTrue();
        parameters.add("candidateGroup", "tax");
        var more = new TaskQueryDto(new ObjectMapper(),
                parameters).toQuery(engine);
        assertThat(TaskQueryShortcut.applies(more)).isFalse();
        assertThat(ids(lookUp.list())).containsExactly(task(taxProblem, "tax").getId()).isEqualTo(ids(more.list()));
    }

    @Test
    void theSameAnswersAsCamundasOwnAuthorizationChecks() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        AuthorizationManager manager = configuration.getCommandExecutorTxRequired()
                .execute(c -> c.getAuthorizationManager());
        assertThat(manager).isInstanceOf(FewGroupsAuthorizationManager.class);
        boolean mysql = List.of("mysql", "mariadb").contains(configuration.getDatabaseType());
        assertThat(sessions().mapStatement("isUserAuthorizedForResource")).isEqualTo(mysql
                ? "cn.qifu.system.GrantCheck.isUserAuthorizedForResource_qifu" : "isUserAuthorizedForResource");
        List<Task> tasks = engine.getTaskService().createTaskQuery().list();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(2);
        Map<String, String> keys = new HashMap<>();
        tasks.forEach(t -> keys.computeIfAbsent(t.getProcessDefinitionId(),
                id -> engine.getRepositoryService().getProcessDefinition(id).getKey()));
        // the users' own groups, and one more that holds no authorization (Camunda's manager leaves it out)
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (String user : List.of("amr1", "tax1", "frontdesk1", "supervisor1", "enterprise-nobody")) {
            users.put(user, groupsOf(user));
        }
        users.put("amr1 and a group without grants", new ArrayList<>(groupsOf("amr1")));
        users.get("amr1 and a group without grants").add("group-without-grants");
        Function<Map.Entry<String, List<String>>, List<Object>> answers = u -> {
            String user = u.getKey().split(" ")[0];
            List<String> groups = u.getValue();
            List<Object> a = new ArrayList<>();
            for (Task task : tasks) {
                for (Permission permission : List.of(Permissions.READ, TaskPermissions.TASK_WORK, Permissions.UPDATE)) {
                    a.add(engine.getAuthorizationService().isUserAuthorized(user, groups, permission,
                            Resources.TASK, task.getId()));
                }
                String key = keys.get(task.getProcessDefinitionId());
                // what a claim asks (any of four), and what no check of the engine asks (all of two); built in a
                // command, as the engine builds them
                a.add(configuration.getCommandExecutorTxRequired().execute(c -> List.of(
                        c.getAuthorizationManager().isAuthorized(user, groups, new PermissionCheckBuilder().disjunctive()
                                .atomicCheckForResourceId(Resources.TASK, task.getId(), TaskPermissions.TASK_WORK)
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, key,
                                        ProcessDefinitionPermissions.TASK_WORK)
                                .atomicCheckForResourceId(Resources.TASK, task.getId(), Permissions.UPDATE)
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, key,
                                        ProcessDefinitionPermissions.UPDATE_TASK)
                                .build()),
                        c.getAuthorizationManager().isAuthorized(user, groups, new PermissionCheckBuilder().conjunctive()
                                .atomicCheckForResourceId(Resources.TASK, task.getId(), Permissions.READ)
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, key,
                                        ProcessDefinitionPermissions.READ)
                                .build()))));
            }
            for (String definition : List.of("problemLoop", "*")) {
                a.add(engine.getAuthorizationService().isUserAuthorized(user, groups, Permissions.READ,
                        Resources.PROCESS_DEFINITION, definition));
            }
            engine.getIdentityService().setAuthentication(user, groups);
            try {
                a.add(ids(engine.getTaskService().createTaskQuery().orderByDueDate().asc().orderByTaskId().asc().list()));
                a.add(engine.getTaskService().createTaskQuery().count());
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
            return a;
        };
        // grants of the kinds the application does not make itself, as an administrator could in Admin: to one user,
        // to every user ('*', which Camunda's checks do not honour), and global
        List<Authorization> extra = List.of(
                grant(Authorization.AUTH_TYPE_GRANT, "tax1", task(amrProblem, "amr").getId(), TaskPermissions.TASK_WORK),
                grant(Authorization.AUTH_TYPE_GRANT, "*", task(taxProblem, "tax").getId(), TaskPermissions.TASK_WORK),
                grant(Authorization.AUTH_TYPE_GLOBAL, "*", task(taxProblem, "tax").getId(), Permissions.READ));
        Map<String, List<Object>> ours = new LinkedHashMap<>();
        Map<Class<?>, SessionFactory> factories = configuration.getSessionFactories();
        SessionFactory few = factories.get(AuthorizationManager.class);
        Map<String, String> mappings = sessions().getStatementMappings();
        Map<String, String> camunda = new HashMap<>(mappings);
        camunda.remove("isUserAuthorizedForResource");
        try {
            users.entrySet().forEach(u -> ours.put(u.getKey(), answers.apply(u)));
            factories.put(AuthorizationManager.class, new GenericManagerFactory(AuthorizationManager.class));
            sessions().setStatementMappings(camunda);
            users.entrySet().forEach(u -> assertThat(ours.get(u.getKey())).as(u.getKey()).isEqualTo(answers.apply(u)));
        } finally {
            factories.put(AuthorizationManager.class, few);
            sessions().setStatementMappings(mappings);
            extra.forEach(a -> engine.getAuthorizationService().deleteAuthorization(a.getId()));
        }
        assertThat(ours.get("amr1")).as("a clerk may work some task").contains(true);
        assertThat(ours.get("amr1")).as("and not every task").contains(false);
        assertThat(ours.get("enterprise-nobody")).as("a user without grants may only read the task read by all")
                .filteredOn(Boolean.TRUE::equals).hasSize(1);
    }

    @Test
    void aNewTasksDefaultGrantsAreCamundas() {
        // system.NewTaskGrants leaves out the search for a grant on a task the command itself created; the grants made
        // must be those Camunda's provider makes: for a task the process creates at a department, and for a task given
        // groups, users, an assignee and an owner in the command that creates it and in a later one
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        ResourceAuthorizationProvider ours = configuration.getResourceAuthorizationProvider();
        assertThat(ours).isInstanceOf(NewTaskGrants.class);
        Supplier<List<List<String>>> made = () -> {
            List<String> atDepartment = grantsOn(task(AccessFixtures.atDepartment(engine, problems, "channel1", "amr"), "amr")
                    .getId());
            String standalone = configuration.getCommandExecutorTxRequired().execute(c -> {
                TaskEntity task = new TaskEntity();
                task.setName("默认授权测试");
                task.insert();
                task.addCandidateGroup("amr");
                task.addCandidateGroup("tax");
                task.addCandidateGroup("amr");
                task.addCandidateUser("amr1");
                task.setAssignee("amr1");
                task.setOwner("tax1");
                return task.getId();
            });
            List<String> inOneCommand = grantsOn(standalone);
            configuration.getCommandExecutorTxRequired().execute(c -> {
                TaskEntity task = c.getTaskManager().findTaskById(standalone);
                task.addCandidateGroup("supervisor");
                task.addCandidateGroup("amr");
                task.setAssignee("tax1");
                return null;
            });
            List<String> later = grantsOn(standalone);
            engine.getTaskService().deleteTask(standalone, true);
            return List.of(atDepartment, inOneCommand, later);
        };
        List<List<String>> withOurs = made.get();
        configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider());
        try {
            assertThat(withOurs).isEqualTo(made.get());
        } finally {
            configuration.setResourceAuthorizationProvider(ours);
        }
        assertThat(withOurs.get(0)).as("the department's grant on its task").isNotEmpty()
                .anyMatch(g -> g.contains("group amr"));
        assertThat(withOurs.get(1)).as("one grant each: amr, tax, amr1 (candidate and assignee), tax1 (owner)")
                .hasSize(4);
        assertThat(withOurs.get(2)).hasSize(5);
    }

    /** The grants on a task, without their ids: who, what kind, which permissions. */
    List<String> grantsOn(String taskId) {
        return engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(taskId).list().stream()
                .map(a -> a.getAuthorizationType() + " " + (a.getUserId() != null ? "user " + a.getUserId()
                        : "group " + a.getGroupId()) + " " + Arrays.toString(a.getPermissions(Permissions.values()))
                        + " " + Arrays.toString(a.getPermissions(TaskPermissions.values())))
                .sorted().toList();
    }

    Authorization grant(int type, String user, String task, Permission permission) {
        Authorization a = engine.getAuthorizationService().createNewAuthorization(type);
        a.setUserId(user);
        a.setResource(Resources.TASK);
        a.setResourceId(task);
        a.addPermission(permission);
        return engine.getAuthorizationService().saveAuthorization(a);
    }

    List<String> groupsOf(String user) {
        return engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(g -> g.getId())
                .toList();
    }

    @Test
    void aPageIsChosenFromTheTasksOwnColumnsOnly() {
        assertThat(TasklistQuery.pageColumns(List.of(
                new QueryOrderingProperty(TaskQueryProperty.DUE_DATE, Direction.ASCENDING),
                new QueryOrderingProperty(TaskQueryProperty.TASK_ID, Direction.ASCENDING))))
                .containsExactly("DUE_DATE_");
        assertThat(TasklistQuery.pageColumns(List.of())).isEmpty();
        assertThat(TasklistQuery.pageColumns(List.of(
                new QueryOrderingProperty(TaskQueryProperty.NAME_CASE_INSENSITIVE, Direction.ASCENDING)))).isNull();
        assertThat(TasklistQuery.pageColumns(List.of(new QueryOrderingProperty(QueryOrderingProperty.RELATION_VARIABLE,
                VariableOrderProperty.forProcessInstanceVariable("problemId", ValueType.LONG).getQueryProperty()))))
                .isNull();
    }

    /** The problem's task at its department (no user authenticated: no authorization check). */
    Task task(Problem problem, String department) {
        return engine.getTaskService().createTaskQuery().processInstanceId(problem.processInstanceId())
                .taskCandidateGroup(department).singleResult();
    }

    <T> T as(String user, Supplier<T> query) {
        if (user == null) {
            return query.get();
        }
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(g -> g.getId()).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            return query.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::getId).toList();
    }
}
