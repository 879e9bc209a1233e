package cn.qifu.problem;

import static cn.qifu.system.ProcessVariables.actor;
import static cn.qifu.system.ProcessVariables.options;
import static cn.qifu.system.ProcessVariables.required;
import static cn.qifu.system.ProcessVariables.string;
import static cn.qifu.system.ProcessVariables.strings;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.deadline.DeadlinePlan;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * What the problem-loop diagrams call: {@code ${problemSteps.register(execution)}} in a service task,
 * {@code ${problemSteps.accepted(task)}} as a task listener. Each method only reads the process variables (the form
 * fields), calls {@link ProblemService}, and writes back the variables the diagram and the next forms need.
 * A form field that is wrong throws, so Tasklist shows the reason and the task stays open.
 */
@Component("problemSteps")
public class ProblemSteps {

    private final ProblemService problems;
    private final CatalogService catalog;
    private final ObjectMapper json;

    ProblemSteps(ProblemService problems, CatalogService catalog, ObjectMapper json) {
        this.problems = problems;
        this.catalog = catalog;
        this.json = json;
    }

    // ---- 受理 -------------------------------------------------------------------------------------------------------

    /** Registers a problem typed in by the front desk (start form), or links one the API already registered. */
    public void register(DelegateExecution execution) {
        Long id = (Long) execution.getVariable("problemId");
        Problem problem;
        if (id == null) {
            ProblemSubmission submission = new ProblemSubmission(string(execution, "creditCode"),
                    string(execution, "enterpriseName"), string(execution, "contactName"),
                    string(execution, "contactPhone"), string(execution, "channel"), string(execution, "title"),
                    string(execution, "description"), string(execution, "category"));
            problem = problems.register(submission, actor(execution), null);
            execution.setProcessBusinessKey(problem.problemNo());
            execution.setVariable("problemId", problem.id());
        } else {
            problem = problems.get(id);
        }
        problems.linkProcess(problem.id(), execution.getProcessInstanceId());
        execution.setVariable("problemNo", problem.problemNo());
        execution.setVariable("problemSummary", problems.summary(problem));
        execution.setVariable("reopenCount", problem.reopenCount());
    }

    public void accepted(DelegateTask task) {
        String decision = required(task, "acceptDecision");
        switch (decision) {
            case "ACCEPT" -> {
                ProblemClass problemClass = enumValue(task, "problemClass", ProblemClass.class);
                required(task, "category");
                task.setVariable("problemClass", problemClass.name());
            }
            case "ANSWER_NOW", "REFUSE" -> required(task, "ANSWER_NOW".equals(decision) ? "immediateAnswer" : "refuseReason");
            case "MERGE" -> problems.byNumber(required(task, "mergeInto")).filter(p -> p.status().isOpen())
                    .orElseThrow(() -> new IllegalArgumentException("并件目标问题编号不存在或已办结"));
            default -> throw new IllegalArgumentException("受理结论应为 ACCEPT、ANSWER_NOW、MERGE 或 REFUSE");
        }
    }

    public void refuse(DelegateExecution execution) {
        problems.refuse(id(execution), string(execution, "refuseReason"), actor(execution));
    }

    public void merge(DelegateExecution execution) {
        problems.merge(id(execution), string(execution, "mergeInto"), actor(execution));
    }

    public void answerAtOnce(DelegateExecution execution) {
        problems.answerAtOnce(id(execution), string(execution, "immediateAnswer"), actor(execution));
    }

    /** Fixes the deadline from the time-limit DMN's result (or, in a new round, from the ledger's terms). */
    @SuppressWarnings("unchecked")
    public void fixDeadline(DelegateExecution execution) {
        Problem problem = problems.get(id(execution));
        Map<String, Object> limit = (Map<String, Object>) execution.getVariable("timeLimit");
        Map<String, Object> routing = (Map<String, Object>) execution.getVariable("routing");
        ProblemClass problemClass = problem.problemClass() != null && execution.getVariable("problemClass") == null
                ? problem.problemClass() : ProblemClass.valueOf(string(execution, "problemClass"));
        int days = limit != null ? number(limit.get("timeLimitDays")) : problem.timeLimitDays();
        int warn = limit != null ? number(limit.get("warningDaysBefore")) : problem.warningDaysBefore();
        int escalate = limit != null ? number(limit.get("escalationDaysAfter")) : problem.escalationDaysAfter();
        String board = routing != null ? (String) routing.get("board") : problem.board();
        String category = execution.hasVariable("category") ? string(execution, "category") : problem.category();
        DeadlinePlan plan = problems.fixDeadline(problem.id(), problemClass, category, board, days, warn, escalate,
                actor(execution));
        execution.setVariables(ProblemProcess.deadlineVariables(plan, problems.deadlineText(plan)));
        execution.setVariable(ProblemProcess.LIGHT, "GREEN");
        if (routing != null) {
            execution.setVariable("suggestedLead", routing.get("suggestedLead"));
            execution.setVariable("suggestedLeadName", problems.departmentName((String) routing.get("suggestedLead")));
            catalog.boards().stream().filter(b -> b.code().equals(board)).findFirst()
                    .ifPresent(b -> execution.setVariable("boardName", b.name()));
        }
    }

    // ---- 交办 -------------------------------------------------------------------------------------------------------

    /** The dispatcher's form offers every department (task-local: gone when the task is done). */
    public void offerDepartments(DelegateTask task) {
        List<Map<String, String>> options = new ArrayList<>();
        for (Department d : catalog.departments()) {
            options.add(Map.of("label", d.name() + "（" + d.level().label() + "）", "value", d.code()));
        }
        task.setVariableLocal("departmentOptions", options(json, options));
        if (!task.hasVariable("leadDepartment") && task.hasVariable("suggestedLead")) {
            task.setVariable("leadDepartment", task.getVariable("suggestedLead"));
        }
    }

    public void assigned(DelegateTask task) {
        String route = required(task, "route");
        if (!"FALLBACK".equals(route) && !"DEPARTMENT".equals(route)) {
            throw new IllegalArgumentException("交办方式应为 DEPARTMENT 或 FALLBACK");
        }
        String lead = "FALLBACK".equals(route) ? null : required(task, "leadDepartment");
        problems.assign(id(task), route, lead, strings(json, task.getVariable("cooperatingDepartments")),
                string(task, "assignNote"), actor(task));
    }

    public void signed(DelegateTask task) {
        long id = id(task);
        switch (required(task, "signDecision")) {
            case "SIGN" -> problems.sign(id, actor(task));
            case "RETURN" -> problems.returnAssignment(id, string(task, "signReason"), actor(task));
            case "ESCALATE" -> {
                required(task, "signReason");
                problems.escalationTarget(id);
            }
            default -> throw new IllegalArgumentException("签收结论应为 SIGN、RETURN 或 ESCALATE");
        }
    }

    public void escalate(DelegateExecution execution) {
        String lead = problems.escalate(id(execution), string(execution, "signReason"), actor(execution));
        execution.setVariable("leadDepartment", lead);
    }

    /** The multi-instance collection of the opinion task: the cooperating departments in the ledger. */
    public List<String> cooperating(DelegateExecution execution) {
        return problems.cooperatingDepartments(id(execution));
    }

    public void opinionGiven(DelegateTask task) {
        long id = id(task);
        problems.recordOpinion(id, string(task, "department"), string(task, "opinion"),
                Boolean.TRUE.equals(task.getVariable("declined")), actor(task));
        task.getExecution().getProcessInstance().setVariable("opinionsText", problems.opinionsText(id));
        task.removeVariable("opinion");
        task.removeVariable("declined");
    }

    // ---- 办理 -------------------------------------------------------------------------------------------------------

    public void handled(DelegateTask task) {
        long id = id(task);
        switch (required(task, "handleDecision")) {
            case "ANSWER" -> {
                problems.proposeAnswer(id, string(task, "answer"), Action.ANSWER_PROPOSED, actor(task));
                task.setVariable("answerText", string(task, "answer"));
            }
            case "EXTEND" -> {
                Integer days = integer(task, "extensionDays");
                problems.requestExtension(id, days, string(task, "extensionReason"), actor(task));
                task.setVariable("extensionRequestText", "申请延期 " + days + " 个工作日。理由：" + string(task, "extensionReason"));
            }
            case "WAIT" -> required(task, "supplementRequest");
            default -> throw new IllegalArgumentException("办理结论应为 ANSWER、EXTEND 或 WAIT");
        }
    }

    public void extensionDecided(DelegateTask task) {
        String approved = required(task, "extensionApproved");
        problems.decideExtension(id(task), "YES".equals(approved), integer(task, "extensionDays"),
                string(task, "extensionComment"), actor(task));
    }

    public void stopClock(DelegateExecution execution) {
        problems.startWaiting(id(execution), string(execution, "supplementRequest"), actor(execution));
    }

    public void resumeClock(DelegateExecution execution) {
        problems.endWaiting(id(execution), actor(execution));
    }

    public void coordinated(DelegateTask task) {
        long id = id(task);
        switch (required(task, "coordinationDecision")) {
            case "RESOLVED" -> {
                problems.proposeAnswer(id, string(task, "answer"), Action.ANSWER_PROPOSED, actor(task));
                task.setVariable("answerText", string(task, "answer"));
            }
            case "COLLECTIVE" -> problems.requestCollectiveDecision(id, string(task, "coordinationNote"), actor(task));
            default -> throw new IllegalArgumentException("协调结论应为 RESOLVED 或 COLLECTIVE");
        }
    }

    public void collectivelyDecided(DelegateTask task) {
        problems.proposeAnswer(id(task), string(task, "answer"), Action.COLLECTIVE_DECIDED, actor(task));
        task.setVariable("answerText", string(task, "answer"));
    }

    public void reviewed(DelegateTask task) {
        String decision = required(task, "reviewDecision");
        if (!"APPROVE".equals(decision) && !"SEND_BACK".equals(decision)) {
            throw new IllegalArgumentException("审核结论应为 APPROVE 或 SEND_BACK");
        }
        problems.review(id(task), "APPROVE".equals(decision), string(task, "reviewComment"), actor(task));
    }

    public void reply(DelegateExecution execution) {
        problems.reply(id(execution), actor(execution));
    }

    // ---- the deadline timers ---------------------------------------------------------------------------------------

    public void markWarning(DelegateExecution execution) {
        execution.getProcessInstance().setVariable(ProblemProcess.LIGHT, problems.warn(id(execution)));
    }

    public void markOverdue(DelegateExecution execution) {
        problems.markOverdue(id(execution));
        execution.getProcessInstance().setVariable(ProblemProcess.LIGHT, "RED");
    }

    public void supervised(DelegateTask task) {
        problems.supervised(id(task), Action.SUPERVISED, string(task, "superviseNote"), actor(task));
    }

    public void leaderSupervised(DelegateTask task) {
        problems.supervised(id(task), Action.LEADER_SUPERVISED, string(task, "leaderNote"), actor(task));
    }

    // ---- 评价 -------------------------------------------------------------------------------------------------------

    public void defaultSatisfaction(DelegateExecution execution) {
        problems.rateByDefault(id(execution));
    }

    public void reopen(DelegateExecution execution) {
        long id = id(execution);
        problems.linkProcess(id, execution.getProcessInstanceId());
        execution.setVariable("reopenCount", problems.reopen(id, "企业评价不满意或回访未解决", actor(execution)));
        execution.setVariable(ProblemProcess.LIGHT, "GREEN");
        execution.removeVariable("rating");
    }

    public void toLeaders(DelegateTask task) {
        problems.linkProcess(id(task), task.getProcessInstanceId());
        problems.toLeaders(id(task));
    }

    public void leaderDecided(DelegateTask task) {
        problems.supervised(id(task), Action.LEADER_DECIDED, string(task, "leaderNote"), actor(task));
    }

    public void close(DelegateExecution execution) {
        problems.close(id(execution), actor(execution));
    }

    // ---- 回访 -------------------------------------------------------------------------------------------------------

    public void loadForVisit(DelegateExecution execution) {
        Problem problem = problems.closedForVisit(string(execution, "problemNo"));
        execution.setVariable("problemId", problem.id());
        execution.setProcessBusinessKey(problem.problemNo());
        execution.setVariable("problemSummary", problems.summary(problem));
        execution.setVariable("ratingText", problem.rating() == null ? "未评价"
                : problem.rating().label() + (problem.ratingByDefault() ? "（默认）" : ""));
    }

    public void visited(DelegateTask task) {
        String result = required(task, "visitResult");
        if (!"CONFIRMED".equals(result) && !"REOPEN".equals(result)) {
            throw new IllegalArgumentException("回访结论应为 CONFIRMED 或 REOPEN");
        }
        problems.visited(id(task), "REOPEN".equals(result), string(task, "visitNote"), actor(task));
    }

    public void reopenFromVisit(DelegateExecution execution) {
        problems.reopenFromVisit(id(execution));
    }

    // ---- translation helpers ---------------------------------------------------------------------------------------

    private static long id(VariableScope scope) {
        return ((Number) scope.getVariable("problemId")).longValue();
    }

    private static Integer integer(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " 应为整数");
        }
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static <E extends Enum<E>> E enumValue(VariableScope scope, String name, Class<E> type) {
        String value = required(scope, name);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " 的取值 " + value + " 不正确");
        }
    }
}
