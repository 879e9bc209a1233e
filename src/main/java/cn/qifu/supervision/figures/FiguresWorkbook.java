package cn.qifu.supervision.figures;

import cn.qifu.catalog.Level;
import cn.qifu.problem.Channel;
import cn.qifu.problem.Rating;
import cn.qifu.problem.Status;
import cn.qifu.supervision.figures.Views.ByDimension;
import cn.qifu.supervision.figures.Views.GroupRow;
import cn.qifu.supervision.figures.Views.LightEntry;
import cn.qifu.supervision.figures.Views.Lights;
import cn.qifu.supervision.figures.Views.MonthRow;
import cn.qifu.supervision.figures.Views.OpenTask;
import cn.qifu.supervision.figures.Views.Summary;
import cn.qifu.supervision.figures.Views.Trend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The month's workbook: 汇总, 按部门, 按板块, 按层级, 按渠道, 按类别, 月度趋势, 红黄灯 and 台账. Written with SXSSF
 * (a window of rows in memory, the rest in a temporary file) and the ledger streamed from the database row by row,
 * so a month of 100,000 problems never sits in memory.
 *
 * <p>Text from the ledger is never a formula: a cell whose text starts with = + - @ tab or CR gets a quote-prefixed
 * style, so Excel shows it as typed (CSV/formula injection).
 */
@Component
public class FiguresWorkbook {

    static final String[] SHEETS = {"汇总", "按部门", "按板块", "按层级", "按渠道", "按类别", "月度趋势", "红黄灯", "台账"};
    static final int TREND_MONTHS = 12;
    private static final int ROWS_IN_MEMORY = 200;
    private static final String NONE = "—";

    private final FiguresService figures;
    private final FiguresMapper mapper;
    private final DataSource dataSource;
    private volatile Boolean mysql;

    FiguresWorkbook(FiguresService figures, FiguresMapper mapper, DataSource dataSource) {
        this.figures = figures;
        this.mapper = mapper;
        this.dataSource = dataSource;
    }

    /** The caller writes it, then {@link #discard}s it (which deletes its temporary files). */
    @Transactional(readOnly = true)
    public SXSSFWorkbook build(YearMonth month) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        workbook.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(workbook, figures.zone());
            Summary summary = figures.summary(month);
            summarySheet(workbook.createSheet(SHEETS[0]), styles, summary);
            for (Dimension dimension : Dimension.values()) {
                dimensionSheet(workbook.createSheet(dimension.sheetName()), styles, figures.byDimension(dimension, month));
            }
            trendSheet(workbook.createSheet(SHEETS[6]), styles, figures.trend(month, TREND_MONTHS));
            lightsSheet(workbook.createSheet(SHEETS[7]), styles, figures.lights());
            ledgerSheet(workbook.createSheet(SHEETS[8]), styles, figures.period(month));
            return workbook;
        } catch (RuntimeException e) {
            discard(workbook);
            throw e;
        }
    }

    /** Closes the workbook and deletes its temporary files. */
    static void discard(SXSSFWorkbook workbook) {
        try {
            workbook.close();
        } catch (java.io.IOException ignored) {
            // nothing was written to a file of ours; the temporary files go below
        } finally {
            workbook.dispose();
        }
    }

    // ---- 汇总 ---------------------------------------------------------------------------------------------------------

    private void summarySheet(Sheet sheet, Styles s, Summary summary) {
        widths(sheet, 26, 14, 10, 12, 10, 10, 60);
        int r = 0;
        Row title = sheet.createRow(r++);
        s.text(title, 0, "涉企问题月报 " + summary.month(), s.title);
        Row period = sheet.createRow(r++);
        s.text(period, 0, "统计范围");
        s.text(period, 1, "本月受理的问题（" + s.dateTime(summary.from()) + " 至 " + s.dateTime(summary.to())
                + "，北京时间，不含后者）；不予受理、并件按作出决定的时间计入");
        Row at = sheet.createRow(r++);
        s.text(at, 0, "生成时间");
        s.text(at, 1, s.dateTime(summary.at()));
        r++;
        Row header = sheet.createRow(r++);
        s.headers(header, "指标", "数值", "目标", "是否达标", "分子", "分母", "口径");
        Figures f = summary.figures();
        r = count(sheet, r, s, "受理问题数", f.received(), "本月受理（含不予受理、并件）的问题");
        r = count(sheet, r, s, "已办结", f.closed(), "状态为已办结");
        r = count(sheet, r, s, "不予受理", f.refused(), "");
        r = count(sheet, r, s, "已并件", f.merged(), "");
        r = count(sheet, r, s, "仍在办理", f.stillOpen(), "本月受理、尚未办结");
        r = rate(sheet, r, s, "涉企问题高效办结率", f.onTimeRate(), "已办结且未逾期 / 已办结");
        r = rate(sheet, r, s, "办理满意率", f.satisfactionRate(), "（满意 + 基本满意）/ 已评价；默认满意计为满意");
        r = rate(sheet, r, s, "退单率", f.returnRate(), "被部门退回过 / 交办过");
        r = rate(sheet, r, s, "重办率", f.reopenRate(), "重办过的已办结问题 / 已办结");
        r = rate(sheet, r, s, "回访率", f.returnVisitRate(), "回访过的已办结问题 / 已办结");
        Row days = sheet.createRow(r++);
        s.text(days, 0, "平均办理时长（工作日）");
        s.decimal(days, 1, f.averageHandlingDays(), s.days);
        s.number(days, 5, f.answered());
        s.text(days, 6, "受理至答复企业的工作时间，按已答复问题平均");
        r++;
        Row now = sheet.createRow(r++);
        s.text(now, 0, "当前在办（实时）", s.bold);
        s.text(now, 6, "生成时所有未办结的问题，不限受理月份");
        r = count(sheet, r, s, "在办问题", summary.now().open(), "");
        r = count(sheet, r, s, "绿灯", summary.now().green(), "");
        r = count(sheet, r, s, "黄灯", summary.now().yellow(), "");
        count(sheet, r, s, "红灯", summary.now().red(), "");
        sheet.createFreezePane(0, 5);
    }

    private static int count(Sheet sheet, int r, Styles s, String label, long value, String note) {
        Row row = sheet.createRow(r);
        s.text(row, 0, label);
        s.number(row, 1, value);
        s.text(row, 6, note);
        return r + 1;
    }

    private static int rate(Sheet sheet, int r, Styles s, String label, Rate rate, String note) {
        Row row = sheet.createRow(r);
        s.text(row, 0, label);
        s.rate(row, 1, rate);
        if (rate.target() != null) {
            s.rate(row, 2, rate.target());
            s.text(row, 3, rate.belowTarget() == null ? NONE : rate.belowTarget() ? "未达标" : "达标");
        }
        s.number(row, 4, rate.numerator());
        s.number(row, 5, rate.denominator());
        s.text(row, 6, note);
        return r + 1;
    }

    // ---- per group and the trend ----------------------------------------------------------------------------------

    private static final String[] FIGURE_HEADERS = {"受理数", "已办结", "不予受理", "已并件", "仍在办理",
        "高效办结率", "按时办结", "办理满意率", "已评价", "满意（含基本满意）", "默认满意", "退单率", "交办数", "退单数",
        "重办率", "重办办结", "回访率", "回访数", "平均办理时长（工作日）", "已答复"};

    private static int figures(Row row, int c, Styles s, Figures f) {
        s.number(row, c++, f.received());
        s.number(row, c++, f.closed());
        s.number(row, c++, f.refused());
        s.number(row, c++, f.merged());
        s.number(row, c++, f.stillOpen());
        s.rate(row, c++, f.onTimeRate());
        s.number(row, c++, f.onTimeRate().numerator());
        s.rate(row, c++, f.satisfactionRate());
        s.number(row, c++, f.satisfactionRate().denominator());
        s.number(row, c++, f.satisfactionRate().numerator());
        s.number(row, c++, f.ratedByDefault());
        s.rate(row, c++, f.returnRate());
        s.number(row, c++, f.returnRate().denominator());
        s.number(row, c++, f.returnRate().numerator());
        s.rate(row, c++, f.reopenRate());
        s.number(row, c++, f.reopenRate().numerator());
        s.rate(row, c++, f.returnVisitRate());
        s.number(row, c++, f.returnVisitRate().numerator());
        s.decimal(row, c++, f.averageHandlingDays(), s.days);
        s.number(row, c++, f.answered());
        return c;
    }

    private void dimensionSheet(Sheet sheet, Styles s, ByDimension by) {
        List<String> headers = new ArrayList<>(List.of("编码", by.dimensionName()));
        headers.addAll(Arrays.asList(FIGURE_HEADERS));
        headers.addAll(List.of("当前在办", "绿灯", "黄灯", "红灯"));
        s.headers(sheet.createRow(0), headers.toArray(String[]::new));
        int r = 1;
        for (GroupRow group : by.rows()) {
            Row row = sheet.createRow(r++);
            s.text(row, 0, group.key());
            s.text(row, 1, group.name());
            int c = figures(row, 2, s, group.figures());
            s.number(row, c++, group.now().open());
            s.number(row, c++, group.now().green());
            s.number(row, c++, group.now().yellow());
            s.number(row, c, group.now().red());
        }
        sheet.createFreezePane(2, 1);
        sheet.setColumnWidth(0, 14 * 256);
        sheet.setColumnWidth(1, 24 * 256);
        for (int c = 2; c < headers.size(); c++) {
            sheet.setColumnWidth(c, 11 * 256);
        }
    }

    private void trendSheet(Sheet sheet, Styles s, Trend trend) {
        List<String> headers = new ArrayList<>(List.of("月份"));
        headers.addAll(Arrays.asList(FIGURE_HEADERS));
        s.headers(sheet.createRow(0), headers.toArray(String[]::new));
        int r = 1;
        for (MonthRow month : trend.rows()) {
            Row row = sheet.createRow(r++);
            s.text(row, 0, month.month());
            figures(row, 1, s, month.figures());
        }
        sheet.createFreezePane(1, 1);
        for (int c = 0; c < headers.size(); c++) {
            sheet.setColumnWidth(c, 11 * 256);
        }
    }

    // ---- 红黄灯 -------------------------------------------------------------------------------------------------------

    private void lightsSheet(Sheet sheet, Styles s, Lights lights) {
        s.headers(sheet.createRow(0), "灯色", "问题编号", "问题标题", "企业名称", "统一社会信用代码", "牵头部门编码",
                "牵头部门", "状态", "办理期限", "期限暂定", "红灯起始", "逾期（工作日）", "黄灯提醒", "当前办理");
        int r = 1;
        List<LightEntry> all = new ArrayList<>(lights.red());
        all.addAll(lights.yellow());
        for (LightEntry e : all) {
            Row row = sheet.createRow(r++);
            s.text(row, 0, "RED".equals(e.light()) ? "红灯" : "黄灯");
            s.text(row, 1, e.problemNo());
            s.text(row, 2, e.title());
            s.text(row, 3, e.enterpriseName());
            s.text(row, 4, e.creditCode());
            s.text(row, 5, e.holder().code());
            s.text(row, 6, e.holder().name());
            s.text(row, 7, e.statusName());
            s.dateTime(row, 8, e.deadline());
            s.text(row, 9, Boolean.TRUE.equals(e.deadlineProvisional()) ? "是" : "");
            s.dateTime(row, 10, e.redSince());
            s.decimal(row, 11, e.overdueWorkingDays(), s.days);
            s.dateTime(row, 12, e.warnedAt());
            s.text(row, 13, e.tasks().stream().map(FiguresWorkbook::task).collect(Collectors.joining("；")));
        }
        sheet.createFreezePane(2, 1);
        widths(sheet, 6, 20, 40, 30, 20, 12, 20, 14, 17, 8, 17, 12, 17, 50);
    }

    private static String task(OpenTask t) {
        String who = t.assignee() != null ? t.assignee()
                : t.candidateGroupNames().isEmpty() ? "（未分配）" : String.join("、", t.candidateGroupNames());
        return t.name() + "：" + who;
    }

    // ---- 台账 ---------------------------------------------------------------------------------------------------------

    private void ledgerSheet(Sheet sheet, Styles s, MonthPeriod period) {
        s.headers(sheet.createRow(0), "问题编号", "受理（决定）时间", "受理渠道", "企业名称", "统一社会信用代码", "问题标题",
                "问题类别", "服务板块", "牵头部门编码", "牵头部门", "层级", "状态", "灯色", "办理期限", "期限暂定", "是否逾期",
                "延期（工作日）", "等待企业（小时）", "答复时间", "办理时长（工作日）", "评价", "默认满意", "重办次数", "办结时间");
        widths(sheet, 20, 17, 14, 30, 20, 40, 14, 14, 12, 20, 12, 14, 6, 17, 8, 8, 8, 10, 17, 10, 10, 8, 8, 17);
        sheet.createFreezePane(1, 1);
        int[] next = {1};
        Map<String, String> departmentNames = new HashMap<>();
        Map<String, String> departmentLevels = new HashMap<>();
        Map<String, String> boardNames = new HashMap<>();
        for (FiguresMapper.NameRow n : mapper.names()) {
            if (n.level() == null) {
                boardNames.put(n.code(), n.name());
            } else {
                departmentNames.put(n.code(), n.name());
                departmentLevels.put(n.code(), n.level());
            }
        }
        org.apache.ibatis.session.ResultHandler<LedgerRow> handler = context -> {
            LedgerRow p = context.getResultObject();
            Row row = sheet.createRow(next[0]++);
            s.text(row, 0, p.problemNo());
            s.dateTime(row, 1, s.at(p.acceptedAt() != null ? p.acceptedAt() : p.closedAt()));
            s.text(row, 2, label(Channel.values(), p.channel(), Channel::label));
            s.text(row, 3, p.enterpriseName());
            s.text(row, 4, p.creditCode());
            s.text(row, 5, p.title());
            s.text(row, 6, p.category());
            s.text(row, 7, p.board() == null ? null : boardNames.getOrDefault(p.board(), p.board()));
            s.text(row, 8, p.leadDepartment());
            s.text(row, 9, p.leadDepartment() == null ? null : departmentNames.getOrDefault(p.leadDepartment(), p.leadDepartment()));
            s.text(row, 10, label(Level.values(), departmentLevels.get(p.leadDepartment()), Level::label));
            s.text(row, 11, label(Status.values(), p.status(), Status::label));
            s.text(row, 12, light(p.light()));
            s.dateTime(row, 13, s.at(p.deadlineAt()));
            s.text(row, 14, p.deadlineAt() != null && p.deadlineProvisional() ? "是" : "");
            s.text(row, 15, p.overdue() ? "是" : "否");
            s.number(row, 16, p.extensionDays());
            s.decimal(row, 17, BigDecimal.valueOf(p.waitedSeconds()).divide(BigDecimal.valueOf(3600), 1,
                    RoundingMode.HALF_UP), s.hours);
            s.dateTime(row, 18, s.at(p.answeredAt()));
            s.decimal(row, 19, p.handlingWorkingMinutes() == null ? null : BigDecimal.valueOf(p.handlingWorkingMinutes())
                    .divide(BigDecimal.valueOf(HandlingTime.MINUTES_PER_WORKING_DAY), 2, RoundingMode.HALF_UP), s.days);
            s.text(row, 20, label(Rating.values(), p.rating(), Rating::label));
            s.text(row, 21, p.rating() != null && p.ratingByDefault() ? "是" : "");
            s.number(row, 22, p.reopenCount());
            s.dateTime(row, 23, s.at(p.closedAt()));
        };
        // first the problems accepted in the month, then those refused or merged in it
        for (boolean decided : new boolean[] {false, true}) {
            if (isMySql()) {
                mapper.ledgerStreamed(period.from(), period.to(), decided, handler);
            } else {
                mapper.ledger(period.from(), period.to(), decided, handler);
            }
        }
    }

    private static String light(String light) {
        return light == null ? null : switch (light) {
            case "GREEN" -> "绿灯";
            case "YELLOW" -> "黄灯";
            case "RED" -> "红灯";
            default -> light;
        };
    }

    private static <E extends Enum<E>> String label(E[] values, String name, java.util.function.Function<E, String> label) {
        if (name == null) {
            return null;
        }
        for (E value : values) {
            if (value.name().equals(name)) {
                return label.apply(value);
            }
        }
        return name;
    }

    /** MySQL Connector/J (also against MariaDB) streams only with a fetch size of Integer.MIN_VALUE. */
    private boolean isMySql() {
        Boolean known = mysql;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                String driver = connection.getMetaData().getDriverName().toLowerCase(Locale.ROOT);
                known = product.contains("mysql") || product.contains("mariadb") || driver.contains("mysql");
            } catch (SQLException e) {
                known = false;
            }
            mysql = known;
        }
        return known;
    }

    private static void widths(Sheet sheet, int... characters) {
        for (int c = 0; c < characters.length; c++) {
            sheet.setColumnWidth(c, characters[c] * 256);
        }
    }

    /** The cell styles of a workbook of the center's figures, and text cells that are never formulas. */
    public static final class Styles {

        final CellStyle text;
        final CellStyle quoted;
        final CellStyle bold;
        public final CellStyle title;
        final CellStyle header;
        final CellStyle integer;
        final CellStyle percent;
        final CellStyle days;
        final CellStyle hours;
        final CellStyle dateTime;
        private final ZoneId zone;

        public Styles(SXSSFWorkbook workbook, ZoneId zone) {
            this.zone = zone;
            var format = workbook.createDataFormat();
            text = workbook.createCellStyle();
            quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            header = workbook.createCellStyle();
            header.setFont(boldFont);
            header.setWrapText(true);
            integer = workbook.createCellStyle();
            integer.setDataFormat(format.getFormat("0"));
            percent = workbook.createCellStyle();
            percent.setDataFormat(format.getFormat("0.00%"));
            days = workbook.createCellStyle();
            days.setDataFormat(format.getFormat("0.00"));
            hours = workbook.createCellStyle();
            hours.setDataFormat(format.getFormat("0.0"));
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(format.getFormat("yyyy-mm-dd hh:mm"));
        }

        /** Whether Excel would take the text for a formula (or DDE) if it were typed. */
        static boolean looksLikeFormula(String value) {
            if (value.isEmpty()) {
                return false;
            }
            char first = value.charAt(0);
            return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        }

        public void text(Row row, int column, String value) {
            text(row, column, value, text);
        }

        /** Text, always a string cell; quote-prefixed when it would look like a formula. */
        public void text(Row row, int column, String value, CellStyle style) {
            if (value == null) {
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(value);
            cell.setCellStyle(looksLikeFormula(value) ? quoted : style);
        }

        public void headers(Row row, String... names) {
            for (int c = 0; c < names.length; c++) {
                text(row, c, names[c], header);
            }
        }

        public void number(Row row, int column, long value) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value);
            cell.setCellStyle(integer);
        }

        /** A rate as the number (0.9231, shown as 92.31%), "—" when it has no denominator. */
        void rate(Row row, int column, Rate rate) {
            rate(row, column, rate.value());
        }

        void rate(Row row, int column, BigDecimal value) {
            decimal(row, column, value, percent);
        }

        void decimal(Row row, int column, BigDecimal value, CellStyle style) {
            if (value == null) {
                text(row, column, NONE);
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }

        /** A date and time in the center's zone, as an Excel date (no zone in Excel). */
        void dateTime(Row row, int column, OffsetDateTime at) {
            if (at == null) {
                return;
            }
            Cell cell = row.createCell(column);
            cell.setCellValue(at.atZoneSameInstant(zone).toLocalDateTime());
            cell.setCellStyle(dateTime);
        }

        OffsetDateTime at(Instant instant) {
            return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
        }

        String dateTime(OffsetDateTime at) {
            return at.atZoneSameInstant(zone).toLocalDateTime().toString().replace('T', ' ');
        }
    }
}
