package cn.qifu.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.plugin.variable.SpinValues;

/** Reading and writing process variables the way the diagrams' steps need it, in one place. */
public final class ProcessVariables {

    private ProcessVariables() {
    }

    /** Who acts: the user completing the task in Tasklist or over REST, else the engine itself (timers, jobs). */
    public static String actor(VariableScope scope) {
        Authentication authentication = scope instanceof DelegateTask task
                ? task.getProcessEngineServices().getIdentityService().getCurrentAuthentication()
                : ((DelegateExecution) scope).getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return scope instanceof DelegateTask task && task.getAssignee() != null ? task.getAssignee() : "system";
    }

    public static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** A form field that must be filled in; its absence stops the task's completion with the reason. */
    public static String required(VariableScope scope, String name) {
        String value = string(scope, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("请填写 " + name);
        }
        return value.strip();
    }

    /** A list field: JSON from a Camunda Form (taglist, checklist), a Java list, or comma-separated text. */
    public static List<String> strings(ObjectMapper json, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(Object::toString).toList();
        }
        String text = value.toString().strip();
        if (text.startsWith("[")) {
            try {
                return List.of(json.readValue(text, String[].class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("列表格式不正确：" + text);
            }
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\\s*[,，、\\n]\\s*"));
    }

    /** The options of a Camunda Forms select or taglist ({@code valuesKey}), as a JSON variable. */
    public static Object options(ObjectMapper json, List<Map<String, String>> options) {
        try {
            return SpinValues.jsonValue(json.writeValueAsString(options)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
