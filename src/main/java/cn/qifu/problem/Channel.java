package cn.qifu.problem;

/** Where a problem came in (一个口子: every channel ends in the same ledger). */
public enum Channel {
    WINDOW("窗口"),
    HOTLINE("热线"),
    ONLINE("浙里办/企服平台"),
    VISIT("助企走访"),
    PLATFORM("政企通平台");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
