package cn.qifu.scenario;

import static cn.qifu.system.ProcessVariables.actor;
import static cn.qifu.system.ProcessVariables.options;
import static cn.qifu.system.ProcessVariables.string;
import static cn.qifu.system.ProcessVariables.strings;

import cn.qifu.deadline.DeadlinePlan;
import cn.qifu.system.FormText;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the 一类事 diagrams call (processes/scenarios/): {@code ${scenarioSteps.register(execution)}} in a service task,
 * {@code ${scenarioSteps.materialsChecked(task)}} as a task listener. Each method reads the process variables, calls
 * {@link ScenarioService}, and writes back what the diagram and the next forms need.
 */
@Component("scenarioSteps")
public class ScenarioSteps {

    private final ScenarioService scenarios;
    private final ObjectMapper json;
    private final String manualFallbackAfter;
    private final String pollInterval;

    ScenarioSteps(ScenarioService scenarios, ObjectMapper json,
                  @Value("${qifu.scenario.manual-fallback-after:PT15M}") String manualFallbackAfter,
                  @Value("${qifu.scenario.poll-interval:PT5M}") String pollInterval) {
        this.scenarios = scenarios;
        this.json = json;
        this.manualFallbackAfter = manualFallbackAfter;
        this.pollInterval = pollInterval;
    }

    /** How long a department's system may fail to take an item before its clerks get a 人工办理 task. */
    public String manualFallbackAfter() {
        return manualFallbackAfter;
    }

    /** How often a department's system is asked for the result of an item it accepted. */
    public String pollInterval() {
        return pollInterval;
    }

    // ---- 申请与材料 -------------------------------------------------------------------------------------------------

    /** Registers an application typed in by the front desk (start form), or links one the API registered. */
    public void register(DelegateExecution execution) {
        Long id = (Long) execution.getVariable("applicationId");
        Application application;
        if (id == null) {
            application = scenarios.register(string(execution, "scenarioCode"), new ApplicationRequest(
                    string(execution, "creditCode"), string(execution, "enterpriseName"), string(execution, "contactName"),
                    string(execution, "contactPhone"), string(execution, "channel"), List.of(), List.of(), List.of()),
                    actor(execution), null);
            execution.setProcessBusinessKey(application.applicationNo());
            execution.setVariable("applicationId", application.id());
        } else {
            application = scenarios.get(id);
        }
        scenarios.linkProcess(application.id(), execution.getProcessInstanceId());
        Scenario scenario = scenarios.scenario(application.scenarioCode());
        execution.setVariable("scenarioCode", scenario.code());
        execution.setVariable("scenarioProcessKey", scenario.processKey());
        execution.setVariable("applicationNo", application.applicationNo());
        execution.setVariable("applicationSummary", scenarios.summary(application));
    }

    /** The front desk's checklist: the guide's materials, and the value-added items on offer. */
    public void offerMaterials(DelegateTask task) {
        long id = id(task);
        Scenario scenario = scenarios.scenarioOf(id);
        task.setVariableLocal("requiredMaterials", options(json, scenario.guide().materials().stream()
                .map(m -> Map.of("label", m, "value", m)).toList()));
        task.setVariableLocal("valueAddedOptions", options(json, scenario.valueAddedItems().stream()
                .map(v -> Map.of("label", v.name(), "value", v.code())).toList()));
        Application application = scenarios.get(id);
        task.setVariableLocal("providedText", application.providedMaterials() == null || application.providedMaterials().isBlank()
                ? "（企业未列明）" : FormText.literal(application.providedMaterials().replace("\n", "、"), 1000));
    }

    public void materialsChecked(DelegateTask task) {
        scenarios.addValueAdded(id(task), strings(json, task.getVariable("valueAddedChosen")), actor(task));
        boolean complete = scenarios.checkMaterials(id(task), strings(json, task.getVariable("missingMaterials")), actor(task));
        task.setVariable("materialsComplete", complete);
        task.removeVariable("missingMaterials");
    }

    // ---- 限时办理 --------------------------------------------------------------------------------------------------

    public void startHandling(DelegateExecution execution) {
        DeadlinePlan plan = scenarios.startHandling(id(execution), actor(execution));
        execution.setVariable("deadlineAt", Date.from(plan.deadlineAt()));
        execution.setVariable("warningAt", Date.from(plan.warningAt()));
        execution.setVariable("escalateAt", Date.from(plan.escalateAt()));
        execution.setVariable("deadlineText", scenarios.deadlineText(plan));
        execution.setVariable("light", "GREEN");
    }

    /** In the called 办理一项基本服务事项: the item's department, name and own deadline, or that it does not apply. */
    public void prepareItem(DelegateExecution execution) {
        var task = scenarios.prepareItem(id(execution), string(execution, "itemCode"));
        execution.setVariable("applicable", task.isPresent());
        task.ifPresent(t -> {
            execution.setVariable("itemName", t.name());
            execution.setVariable("department", t.department());
            execution.setVariable("departmentName", t.departmentName());
            execution.setVariable("itemDueAt", Date.from(t.dueAt()));
        });
    }

    public void submitItem(DelegateExecution execution) {
        execution.setVariable("itemDone", scenarios.submitItem(id(execution), string(execution, "itemCode")));
    }

    public void queryItem(DelegateExecution execution) {
        execution.setVariable("itemDone", scenarios.queryItem(id(execution), string(execution, "itemCode")));
    }

    public void manuallyHandled(DelegateTask task) {
        scenarios.completeManually(id(task), string(task, "itemCode"), string(task, "manualResult"), actor(task));
    }

    public List<String> chosenValueAdded(DelegateExecution execution) {
        return scenarios.chosenValueAdded(id(execution));
    }

    public void prepareValueAdded(DelegateExecution execution) {
        Scenario.ValueAddedItem item = scenarios.scenarioOf(id(execution)).valueAddedItem(string(execution, "valueAddedCode"));
        execution.setVariable("valueAddedName", item.name());
        execution.setVariable("provider", item.provider());
        execution.setVariable("providerName", scenarios.departmentName(item.provider()));
    }

    public void valueAddedDelivered(DelegateTask task) {
        scenarios.deliverValueAdded(id(task), string(task, "valueAddedCode"), string(task, "serviceNote"), actor(task));
    }

    public void markWarning(DelegateExecution execution) {
        execution.getProcessInstance().setVariable("light", scenarios.warn(id(execution)));
    }

    public void markOverdue(DelegateExecution execution) {
        scenarios.markOverdue(id(execution));
        execution.getProcessInstance().setVariable("light", "RED");
    }

    public void supervised(DelegateTask task) {
        scenarios.supervised(id(task), "SUPERVISED", string(task, "superviseNote"), actor(task));
    }

    public void leaderSupervised(DelegateTask task) {
        scenarios.supervised(id(task), "LEADER_SUPERVISED", string(task, "leaderNote"), actor(task));
    }

    // ---- 结果与评价 ------------------------------------------------------------------------------------------------

    public void reportResult(DelegateExecution execution) {
        execution.setVariable("resultText", scenarios.reportResult(id(execution)));
    }

    public void defaultSatisfaction(DelegateExecution execution) {
        scenarios.rateByDefault(id(execution));
    }

    public void followUpProblem(DelegateExecution execution) {
        execution.setVariable("followUpProblemId", scenarios.followUpProblem(id(execution)));
    }

    public void close(DelegateExecution execution) {
        scenarios.close(id(execution));
    }

    // ---- translation helpers ---------------------------------------------------------------------------------------

    private static long id(VariableScope scope) {
        return ((Number) scope.getVariable("applicationId")).longValue();
    }
}
