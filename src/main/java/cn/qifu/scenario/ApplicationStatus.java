package cn.qifu.scenario;

public enum ApplicationStatus {
    SUBMITTED("已提交，待材料审核"),
    MATERIALS_MISSING("材料待补正（已一次告知）"),
    HANDLING("办理中"),
    AWAITING_RATING("已办结，待企业评价"),
    CLOSED("已办结");

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
