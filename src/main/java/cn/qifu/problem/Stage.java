package cn.qifu.problem;

/** The five steps of the loop, and the end. */
public enum Stage {
    ACCEPT("受理"),
    ASSIGN("交办"),
    HANDLE("办理"),
    FEEDBACK("反馈"),
    EVALUATE("评价"),
    CLOSED("办结");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
