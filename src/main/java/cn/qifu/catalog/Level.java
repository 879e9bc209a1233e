package cn.qifu.catalog;

/** The levels of 三级联动, lowest first: a level that cannot resolve a problem passes it up. */
public enum Level {
    COMMUNITY("企业社区"),
    PARK("园区"),
    COUNTY("县（市、区）"),
    CITY("市级");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
