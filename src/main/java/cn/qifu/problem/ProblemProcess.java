package cn.qifu.problem;

import cn.qifu.deadline.DeadlinePlan;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Everything the problem loop asks of the engine, in one place: starting and continuing the process
 * (processes/problem-loop.bpmn), and moving or pausing its deadline timers when the deadline changes.
 */
@Component
public class ProblemProcess {

    public static final String KEY = "problemLoop";
    /** The ledger's light mirrored on the instance, so Cockpit can search it: variable light = RED. */
    static final String LIGHT = "light";
    static final String SUPPLEMENTED = "problemSupplemented";
    static final String EVALUATED = "problemEvaluated";
    /** The boundary timers of the time-limited stage and which instant of the plan each fires at. */
    static final List<String> TIMERS = List.of("warningReached", "deadlineReached", "escalationReached");
    /** The tasks whose due date is the deadline, so Tasklist sorts them by it. */
    static final List<String> DEADLINE_TASKS = List.of("assignProblem", "coordinate", "collectiveDecision", "signFor",
            "collectOpinions", "handleProblem", "approveExtension", "reviewAnswer");

    /** The due date of a paused deadline timer, shown as such in Cockpit: 2999-12-31. */
    static final Date PAUSED = Date.from(java.time.Instant.parse("2999-12-31T00:00:00Z"));

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;

    ProblemProcess(ProcessEngine engine) {
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.management = engine.getManagementService();
    }

    void start(Problem problem) {
        runtime.createProcessInstanceByKey(KEY).businessKey(problem.problemNo())
                .setVariable("problemId", problem.id()).execute();
    }

    void supplemented(Problem problem) {
        runtime.createMessageCorrelation(SUPPLEMENTED).processInstanceId(problem.processInstanceId()).correlate();
    }

    void evaluated(Problem problem, Rating rating) {
        runtime.createMessageCorrelation(EVALUATED).processInstanceId(problem.processInstanceId())
                .setVariable("rating", rating.name()).correlate();
    }

    /**
     * A return visit found a closed problem unsolved: a new instance of the loop starts at the rating decision as if
     * the enterprise had answered 不满意, so the diagram decides between 重办 and the leaders.
     */
    String reopenAfterVisit(Problem problem, Map<String, Object> variables) {
        ProcessInstance instance = runtime.createProcessInstanceByKey(KEY).businessKey(problem.problemNo())
                .startBeforeActivity("ratingDecision")
                .setVariables(variables)
                .setVariable("problemId", problem.id())
                .setVariable("reopenCount", problem.reopenCount())
                .setVariable("leadDepartment", problem.leadDepartment())
                .setVariable("rating", Rating.UNSATISFIED.name())
                .execute();
        return instance.getId();
    }

    /** The deadline moved: the pending timers, the process's deadline variables and the tasks' due dates follow. */
    void moveTimers(String processInstanceId, DeadlinePlan plan, String deadlineText, String light) {
        Map<String, Date> at = Map.of("warningReached", Date.from(plan.warningAt()),
                "deadlineReached", Date.from(plan.deadlineAt()), "escalationReached", Date.from(plan.escalateAt()));
        for (String timer : TIMERS) {
            for (Job job : timerJobs(processInstanceId, timer)) {
                management.setJobDuedate(job.getId(), at.get(timer));
            }
        }
        Map<String, Object> variables = deadlineVariables(plan, deadlineText);
        variables.put(LIGHT, light);
        runtime.setVariables(processInstanceId, variables);
        for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKeyIn(DEADLINE_TASKS.toArray(String[]::new)).list()) {
            task.setDueDate(Date.from(plan.deadlineAt()));
            tasks.saveTask(task);
        }
    }

    /**
     * Stops the clock: the deadline timers are set to {@link #PAUSED} until the enterprise answers, when
     * {@link #moveTimers} gives them their new dates. (Suspending the jobs instead would clash, inside one transaction,
     * with the due-date change that resumes them.)
     */
    void pauseTimers(String processInstanceId) {
        TIMERS.forEach(timer -> timerJobs(processInstanceId, timer)
                .forEach(job -> management.setJobDuedate(job.getId(), PAUSED)));
    }

    static Map<String, Object> deadlineVariables(DeadlinePlan plan, String deadlineText) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deadlineAt", Date.from(plan.deadlineAt()));
        variables.put("warningAt", Date.from(plan.warningAt()));
        variables.put("escalateAt", Date.from(plan.escalateAt()));
        variables.put("deadlineText", deadlineText);
        return variables;
    }

    private List<Job> timerJobs(String processInstanceId, String activityId) {
        return management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers().list();
    }
}
