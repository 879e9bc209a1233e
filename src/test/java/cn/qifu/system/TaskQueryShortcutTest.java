package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.Test;

/**
 * Which task queries the short statement answers (system.TaskQueryShortcut): a look-up by what names a task in a problem,
 * and nothing that asks one criterion more. That both statements list the same tasks is shown against the database by
 * identity.TaskQueryAuthorizationContract.
 */
class TaskQueryShortcutTest {

    @Test
    void aLookUpByWhatNamesATaskInAProblem() {
        Map<String, Supplier<TaskQuery>> lookUps = new LinkedHashMap<>();
        lookUps.put("nothing asked", () -> query());
        lookUps.put("process instance and key", () -> query().processInstanceId("p1").taskDefinitionKey("signFor"));
        lookUps.put("problem number and key", () -> query().processInstanceBusinessKey("QF-1").taskDefinitionKey("signFor"));
        lookUps.put("task id", () -> query().taskId("t1"));
        lookUps.put("ordered by the task's own columns", () -> query().processInstanceId("p1").orderByDueDate().asc()
                .orderByTaskId().desc());
        lookUps.put("form keys, comments", () -> query().processInstanceId("p1").initializeFormKeys()
                .withCommentAttachmentInfo());
        lookUps.forEach((name, query) -> assertThat(TaskQueryShortcut.applies(query.get())).as(name).isTrue());
    }

    @Test
    void anyOtherCriterionTakesTheWholeStatement() {
        Map<String, Supplier<TaskQuery>> more = new LinkedHashMap<>();
        more.put("assignee", () -> lookUp().taskAssignee("amr1"));
        more.put("unassigned", () -> lookUp().taskUnassigned());
        more.put("candidate group", () -> lookUp().taskCandidateGroup("amr"));
        more.put("candidate groups", () -> lookUp().taskCandidateGroupIn(List.of("amr", "tax")));
        more.put("a variable's value", () -> lookUp().processVariableValueEquals("problemId", 1L));
        more.put("an or-query", () -> lookUp().or().taskId("t1").taskId("t2").endOr());
        more.put("tenants", () -> lookUp().tenantIdIn("county"));
        more.put("without tenant", () -> lookUp().withoutTenantId());
        more.put("an expression", () -> lookUp().taskAssigneeExpression("${currentUser()}"));
        more.put("due before", () -> lookUp().dueBefore(new Date()));
        more.put("active", () -> lookUp().active());
        more.put("no subtasks", () -> lookUp().excludeSubtasks());
        more.put("process instances", () -> lookUp().processInstanceIdIn("p1", "p2"));
        more.put("name", () -> lookUp().taskName("签收"));
        more.put("ordered by a variable", () -> lookUp().orderByProcessVariable("problemId", ValueType.LONG).asc());
        more.put("ordered by name, case-insensitive", () -> lookUp().orderByTaskNameCaseInsensitive().asc());
        more.forEach((name, query) -> assertThat(TaskQueryShortcut.applies(query.get())).as(name).isFalse());
        assertThat(TaskQueryShortcut.applies("not a task query")).isFalse();
        assertThat(TaskQueryShortcut.applies(null)).isFalse();
    }

    @Test
    void everyFieldButTheLookUpAndTheEnginesStateIsACriterion() {
        assertThat(TaskQueryShortcut.criteria())
                .contains("assignee", "candidateGroup", "variables", "tenantIds", "isOrQueryActive", "expressions",
                        "suspensionState", "followUpNullAccepted", "parentTaskId", "caseInstanceId")
                .doesNotContainAnyElementsOf(TaskQueryShortcut.LOOK_UP)
                .doesNotContainAnyElementsOf(TaskQueryShortcut.NOT_CRITERIA)
                .hasSizeGreaterThan(70);
    }

    private static TaskQueryImpl query() {
        return new TaskQueryImpl();
    }

    private static TaskQuery lookUp() {
        return query().processInstanceBusinessKey("QF-1").taskDefinitionKey("signFor");
    }
}
