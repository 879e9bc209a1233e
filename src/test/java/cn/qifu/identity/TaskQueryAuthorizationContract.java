package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task query the engine runs for Tasklist and {@code /engine-rest/task} is this application's copy with the
 * authorization asked per task (system.TasklistQuery): it lists exactly the tasks Camunda's own statement lists, for a
 * clerk (grants per task), for the center's staff and for a user who may see nothing.
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
                .isEqualTo("cn.qifu.system.TasklistQuery.selectTaskByQueryCriteria_qifu");
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
        for (String user : List.of("amr1", "tax1", "frontdesk1", "supervisor1", "enterprise-nobody")) {
            Supplier<List<String>> list = () -> as(user, () -> ids(engine.getTaskService().createTaskQuery()
                    .orderByDueDate().asc().orderByTaskId().asc().list()));
            Supplier<Long> count = () -> as(user, () -> engine.getTaskService().createTaskQuery().count());
            Supplier<List<String>> page = () -> as(user, () -> ids(engine.getTaskService().createTaskQuery()
                    .taskUnassigned().orderByDueDate().asc().orderByTaskId().asc().listPage(0, 15)));
            List<String> ours = list.get();
            long ourCount = count.get();
            List<String> ourPage = page.get();
            Map<String, String> mappings = sessions().getStatementMappings();
            Map<String, String> camunda = new HashMap<>(mappings);
            camunda.remove("selectTaskByQueryCriteria");
            camunda.remove("selectTaskCountByQueryCriteria");
            sessions().setStatementMappings(camunda);
            try {
                assertThat(ours).as(user).isEqualTo(list.get());
                assertThat(ourCount).as(user).isEqualTo(count.get()).isEqualTo(ours.size());
                assertThat(ourPage).as(user).isEqualTo(page.get());
            } finally {
                sessions().setStatementMappings(mappings);
            }
            if (user.equals("amr1") || user.equals("tax1")) {
                assertThat(ours).as(user + " sees his department's task").isNotEmpty();
            } else if (user.equals("enterprise-nobody")) {
                assertThat(ours).as("a user without grants").isEmpty();
            }
        }
    }

    /** The problem's task at its department (no user authenticated: no authorization check). */
    Task task(Problem problem, String department) {
        return engine.getTaskService().createTaskQuery().processInstanceId(problem.processInstanceId())
                .taskCandidateGroup(department).singleResult();
    }

    <T> T as(String user, Supplier<T> query) {
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
