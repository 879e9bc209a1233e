package cn.qifu.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** Who is calling the application's API, as the {@link ApiAuthenticationFilter} established it. */
public record CurrentUser(String userId, List<String> groupIds) {

    static final String REQUEST_ATTRIBUTE = CurrentUser.class.getName();

    public boolean isIn(Role role) {
        return groupIds.contains(role.groupId());
    }

    /** The center's own staff (front desk, dispatchers, supervisors, leaders) and administrators: they read everything. */
    public boolean isCenterStaff() {
        return isIn(Role.FRONTDESK) || isIn(Role.DISPATCHER) || isIn(Role.SUPERVISOR) || isIn(Role.LEADER)
                || isMemberOf("camunda-admin");
    }

    public boolean isMemberOf(String groupId) {
        return groupIds.contains(groupId);
    }

    public static CurrentUser of(HttpServletRequest request) {
        return (CurrentUser) request.getAttribute(REQUEST_ATTRIBUTE);
    }
}
