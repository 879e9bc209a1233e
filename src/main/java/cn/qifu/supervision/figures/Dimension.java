package cn.qifu.supervision.figures;

import cn.qifu.system.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the figures can be grouped by ({@code GET /api/stats/by/{dimension}}); the key is what the URL says. */
public enum Dimension {
    DEPARTMENT("department", "按部门", "牵头部门", "（未交办）"),
    BOARD("board", "按板块", "服务板块", "（未分板块）"),
    LEVEL("level", "按层级", "层级", "（未交办）"),
    CHANNEL("channel", "按渠道", "受理渠道", "（未知渠道）"),
    CATEGORY("category", "按类别", "问题类别", "（未分类）");

    private final String key;
    private final String sheetName;
    private final String columnName;
    private final String noneLabel;

    Dimension(String key, String sheetName, String columnName, String noneLabel) {
        this.key = key;
        this.sheetName = sheetName;
        this.columnName = columnName;
        this.noneLabel = noneLabel;
    }

    public String key() {
        return key;
    }

    /** The sheet of the monthly workbook, e.g. 按部门. */
    public String sheetName() {
        return sheetName;
    }

    /** The heading of the group column, e.g. 牵头部门. */
    public String columnName() {
        return columnName;
    }

    /** How a problem without a value for this dimension is shown (e.g. refused before any department had it). */
    public String noneLabel() {
        return noneLabel;
    }

    public static Dimension parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst().orElseThrow(() ->
                ApiException.invalid("dimension", "UNKNOWN_VALUE", "统计维度应为 "
                        + Arrays.stream(values()).map(d -> d.key + "（" + d.columnName + "）")
                                .collect(Collectors.joining("、")) + " 之一"));
    }
}
