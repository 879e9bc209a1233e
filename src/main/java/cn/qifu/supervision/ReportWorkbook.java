package cn.qifu.supervision;

import cn.qifu.supervision.figures.FiguresWorkbook.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/** A stored report as an Excel workbook, the way the center sends its figures on: its numbers, then its tables. */
@Component
class ReportWorkbook {

    /** Chinese names of the report's fields; a field without one keeps its own name. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("from", "起"), Map.entry("to", "止"), Map.entry("month", "月份"),
            Map.entry("submitted", "新提交"), Map.entry("accepted", "新受理"), Map.entry("closed", "办结"),
            Map.entry("closedOnTime", "按期办结"), Map.entry("onTimeRate", "高效办结率"), Map.entry("rated", "已评价"),
            Map.entry("satisfactionRate", "满意率"), Map.entry("openNow", "当前在办"), Map.entry("yellowNow", "当前黄灯"),
            Map.entry("redNow", "当前红灯"), Map.entry("newReds", "新增红灯"), Map.entry("departments", "各部门"),
            Map.entry("belowTarget", "未达标"), Map.entry("answers", "整改措施"), Map.entry("number", "编号"),
            Map.entry("title", "问题"), Map.entry("department", "部门编码"), Map.entry("name", "部门"),
            Map.entry("at", "时间"), Map.entry("figures", "指标"), Map.entry("measures", "原因与措施"), Map.entry("by", "填报人"));

    private final ObjectMapper json;

    ReportWorkbook(ObjectMapper json) {
        this.json = json;
    }

    void write(Report report, ZoneId zone, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            Styles styles = new Styles(workbook, zone);
            Sheet sheet = workbook.createSheet("报告");
            int r = 0;
            styles.text(sheet.createRow(r++), 0, report.title(), styles.title);
            JsonNode content = json.readTree(report.content());
            List<Map.Entry<String, JsonNode>> tables = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = content.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isContainerNode() && !isTextList(field.getValue())) {
                    tables.add(field);
                    continue;
                }
                Row row = sheet.createRow(r++);
                styles.text(row, 0, label(field.getKey()));
                styles.text(row, 1, field.getValue().isArray() ? join(field.getValue()) : field.getValue().asText());
            }
            for (Map.Entry<String, JsonNode> table : tables) {
                r++;
                styles.text(sheet.createRow(r++), 0, label(table.getKey()), styles.title);
                List<JsonNode> rows = new ArrayList<>();
                table.getValue().elements().forEachRemaining(rows::add);
                if (rows.isEmpty()) {
                    styles.text(sheet.createRow(r++), 0, "（无）");
                    continue;
                }
                List<String> columns = new ArrayList<>();
                rows.get(0).fieldNames().forEachRemaining(columns::add);
                styles.headers(sheet.createRow(r++), columns.stream().map(ReportWorkbook::label).toArray(String[]::new));
                for (JsonNode item : rows) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < columns.size(); c++) {
                        styles.text(row, c, item.path(columns.get(c)).asText());
                    }
                }
            }
            sheet.setColumnWidth(0, 18 * 256);
            sheet.setColumnWidth(1, 60 * 256);
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static boolean isTextList(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join("、", items);
    }

    private static String label(String key) {
        return LABELS.getOrDefault(key, key);
    }
}
