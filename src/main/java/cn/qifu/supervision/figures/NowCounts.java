package cn.qifu.supervision.figures;

/** Open problems now (status other than 已办结 / 不予受理 / 已并件), and how many of them show each light. */
public record NowCounts(long open, long green, long yellow, long red) {

    static NowCounts of(OpenTally t) {
        return new NowCounts(t.openCount(), t.green(), t.yellow(), t.red());
    }
}
