package cn.qifu.supervision;

import static cn.qifu.system.ProcessVariables.actor;
import static cn.qifu.system.ProcessVariables.string;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** What the rhythm's diagrams (processes/rhythm/) call. */
@Component("rhythmSteps")
public class RhythmSteps {

    private final RhythmService rhythm;

    RhythmSteps(RhythmService rhythm) {
        this.rhythm = rhythm;
    }

    public void dailyReport(DelegateExecution execution) {
        execution.setVariable("reportId", rhythm.daily().id());
    }

    public void weeklySummary(DelegateExecution execution) {
        execution.setVariable("reportId", rhythm.weekly().id());
    }

    /** 月督办: the month's report, and the departments below a target as the collection of their 督办 tasks. */
    public void monthlySupervision(DelegateExecution execution) {
        RhythmService.MonthlyRound round = rhythm.monthly();
        execution.setVariable("reportId", round.report().id());
        execution.setVariable("departmentsBelowTarget", new java.util.ArrayList<>(round.below().stream()
                .map(RhythmService.BelowTarget::department).toList()));
    }

    public void describeDepartment(DelegateTask task) {
        String department = string(task, "department");
        rhythm.monthlyBelow(((Number) task.getVariable("reportId")).longValue(), department)
                .ifPresent(text -> task.setVariableLocal("figuresText", text));
    }

    public void departmentAnswered(DelegateTask task) {
        rhythm.departmentAnswered(((Number) task.getVariable("reportId")).longValue(), string(task, "department"),
                string(task, "measures"), actor(task));
        task.removeVariable("measures");
    }

    public void prepareLeaderReview(DelegateTask task) {
        task.setVariableLocal("digest", rhythm.monthlyDigest(((Number) task.getVariable("reportId")).longValue()));
    }

    /** The multi-instance collection of 形成制度: last month's recurring categories without a measure. */
    public List<String> recurringCategories(DelegateExecution execution) {
        List<RhythmMapper.RecurringCategory> recurring = rhythm.recurringCategories();
        execution.setVariable("recurringCount", recurring.size());
        return recurring.stream().map(RhythmMapper.RecurringCategory::category).toList();
    }

    /** What the reform office reads for one category: how often, and examples. */
    public void describeCategory(DelegateTask task) {
        String category = string(task, "category");
        long problems = rhythm.recurringCategories().stream().filter(c -> c.category().equals(category))
                .mapToLong(RhythmMapper.RecurringCategory::problems).findFirst().orElse(0);
        task.setVariableLocal("problemCount", problems);
        task.setVariableLocal("categorySummary", rhythm.recurringSummary(category, problems));
    }

    public void measureRecorded(DelegateTask task) {
        Object count = task.getVariable("problemCount");
        rhythm.recordMeasure(string(task, "category"), string(task, "measureTitle"), string(task, "measureContent"),
                count instanceof Number n ? n.longValue() : 0, actor(task));
    }
}
