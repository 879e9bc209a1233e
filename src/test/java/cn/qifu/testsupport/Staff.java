package cn.qifu.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

/** A member of staff working a task as Tasklist does: as themselves, with their groups, authorization checks on. */
public final class Staff {

    private Staff() {
    }

    /** Claims and completes the task as that user; variables are name, value, name, value… */
    public static void complete(ProcessEngine engine, Task task, String user, Object... variables) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), values);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
