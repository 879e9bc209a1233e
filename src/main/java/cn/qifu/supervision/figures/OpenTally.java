package cn.qifu.supervision.figures;

/** One group's open problems now, by light (see {@link FiguresMapper#openNow}). */
public record OpenTally(String grpKey, String grpName, Integer grpOrder, long openCount, long green, long yellow, long red) {

    static OpenTally empty(String key) {
        return new OpenTally(key, null, null, 0, 0, 0, 0);
    }
}
