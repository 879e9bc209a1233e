package cn.qifu.catalog;

/** What sort of body a department is: the government side, the courts, a utility, or a market or social provider. */
public enum DepartmentKind {
    GOVERNMENT("行政机关"),
    JUDICIAL("司法机关"),
    UTILITY("公用事业单位"),
    MARKET("市场机构"),
    SOCIAL("社会组织");

    private final String label;

    DepartmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
