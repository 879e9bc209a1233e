package cn.qifu.problem;

import java.time.Instant;

/** A department a problem went to: the lead (LEAD) or a cooperating one (COOPERATING), with its opinion. */
public record ProblemDepartment(Long problemId, String departmentCode, String role, String opinion, boolean declined,
                                Instant assignedAt) {

    public static final String LEAD = "LEAD";
    public static final String COOPERATING = "COOPERATING";
}
