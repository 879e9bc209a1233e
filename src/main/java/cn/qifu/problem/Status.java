package cn.qifu.problem;

/** Where exactly a problem stands; {@link #stage()} is the step of the loop it belongs to. */
public enum Status {
    PENDING_ACCEPTANCE("待受理", Stage.ACCEPT),
    REFUSED("不予受理", Stage.CLOSED),
    MERGED("已并件", Stage.CLOSED),
    ASSIGNING("待交办", Stage.ASSIGN),
    COORDINATING("兜底协调中", Stage.ASSIGN),
    SIGNING("待签收", Stage.HANDLE),
    HANDLING("办理中", Stage.HANDLE),
    EXTENSION_PENDING("延期审批中", Stage.HANDLE),
    WAITING_ENTERPRISE("等待企业补充材料", Stage.HANDLE),
    REVIEWING("答复审核中", Stage.FEEDBACK),
    AWAITING_RATING("待企业评价", Stage.EVALUATE),
    LEADER_REVIEW("领导研究处理", Stage.EVALUATE),
    CLOSED("已办结", Stage.CLOSED);

    private final String label;
    private final Stage stage;

    Status(String label, Stage stage) {
        this.label = label;
        this.stage = stage;
    }

    public String label() {
        return label;
    }

    public Stage stage() {
        return stage;
    }

    /** Whether a deadline is running: the time-limited stage between acceptance and the reply. */
    public boolean underDeadline() {
        return stage == Stage.ASSIGN || stage == Stage.HANDLE || stage == Stage.FEEDBACK;
    }

    public boolean isOpen() {
        return stage != Stage.CLOSED;
    }
}
