package cn.qifu.problem;

/** The "135" classes; the working days of each are in the time-limit DMN (processes/problem-time-limit.dmn). */
public enum ProblemClass {
    SIMPLE("简单诉求"),
    SINGLE("单一部门"),
    CROSS("跨部门");

    private final String label;

    ProblemClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
