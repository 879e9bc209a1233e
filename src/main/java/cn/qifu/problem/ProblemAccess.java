package cn.qifu.problem;

import cn.qifu.identity.CurrentUser;
import cn.qifu.identity.Role;
import java.util.List;

/**
 * Who may see and act on a problem through the API: the center's staff (front desk, dispatchers, supervisors,
 * leaders, administrators) see all; a channel client sees what it submitted; a department what was assigned to it.
 * Everyone else gets 404, so a stranger cannot even learn that a number exists.
 */
final class ProblemAccess {

    private static final String ADMIN = "camunda-admin";

    private ProblemAccess() {
    }

    static boolean canSee(CurrentUser user, Problem problem, List<ProblemDepartment> departments) {
        return user.isCenterStaff() || user.userId().equals(problem.submittedBy())
                || departments.stream().anyMatch(d -> user.isMemberOf(d.departmentCode()));
    }

    /** Rating and supplying information speak for the enterprise: its channel, or the front desk on its behalf. */
    static boolean canActForEnterprise(CurrentUser user, Problem problem) {
        return user.userId().equals(problem.submittedBy()) || user.isIn(Role.FRONTDESK) || user.isMemberOf(ADMIN);
    }
}
