package cn.qifu.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The center's own roles. Each is a Camunda group; departments are groups too (their code is the group id), so a
 * user's groups say both what they do and for whom.
 */
public enum Role {
    FRONTDESK("frontdesk", "综合受理"),
    DISPATCHER("dispatcher", "交办"),
    SUPERVISOR("supervisor", "督查"),
    LEADER("leader", "领导"),
    /** 改革办: turns recurring problems into lasting measures (形成制度). */
    REFORM("reform", "改革办"),
    /** A channel system (热线、浙里办、企服平台) that submits problems and relays ratings through the API; no Tasklist. */
    CHANNEL("channel", "受理渠道");

    /** Camunda group type of the role groups; department groups carry {@link #DEPARTMENT_GROUP_TYPE}. */
    public static final String ROLE_GROUP_TYPE = "ROLE";
    public static final String DEPARTMENT_GROUP_TYPE = "DEPARTMENT";

    private final String groupId;
    private final String label;

    Role(String groupId, String label) {
        this.groupId = groupId;
        this.label = label;
    }

    public String groupId() {
        return groupId;
    }

    public String label() {
        return label;
    }

    /** Supervisors and leaders read everything; they watch, they do not work other people's tasks. */
    public boolean oversees() {
        return this == SUPERVISOR || this == LEADER;
    }

    /** Staff work in Tasklist; a channel only calls the API. */
    public boolean worksInTasklist() {
        return this != CHANNEL;
    }

    public static Optional<Role> ofGroup(String groupId) {
        return Arrays.stream(values()).filter(r -> r.groupId.equals(groupId)).findFirst();
    }
}
