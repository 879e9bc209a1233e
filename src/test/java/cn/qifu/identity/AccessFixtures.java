package cn.qifu.identity;

import cn.qifu.problem.CreditCode;
import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.ProblemSubmission;
import cn.qifu.testsupport.Staff;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;

/** The records the access tests try to reach: problems at a department, submitted by a channel, and users. */
final class AccessFixtures {

    private static int enterprise = 80_000;

    private AccessFixtures() {
    }

    static String creditCode() {
        String first17 = "91330577" + String.format("%09d", enterprise++);
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A problem a channel submitted, accepted and assigned to the department, waiting for its 签收 (signFor). */
    static Problem atDepartment(ProcessEngine engine, ProblemService problems, String channel, String department) {
        Problem p = problems.submit(new ProblemSubmission(creditCode(), "权限测试企业有限公司", "吴十", "13700000000", "ONLINE",
                "权限测试问题", "用于检查谁能看到什么", "证照"), channel, null);
        Staff.complete(engine, task(engine, p, "acceptProblem"), "frontdesk1", "acceptDecision", "ACCEPT",
                "problemClass", "SINGLE", "category", "证照");
        Staff.complete(engine, task(engine, p, "assignProblem"), "dispatcher1", "route", "DEPARTMENT",
                "leadDepartment", department, "cooperatingDepartments", List.of());
        return problems.get(p.id());
    }

    static Task task(ProcessEngine engine, Problem p, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(p.processInstanceId()).taskDefinitionKey(key)
                .singleResult();
    }

    /** A user of the group (password demo), created once. */
    static void user(ProcessEngine engine, String id, String group) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName("测试");
            user.setLastName(id);
            user.setPassword("demo");
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }
}
