package cn.qifu.supervision.figures;

import cn.qifu.identity.CurrentUser;
import cn.qifu.system.ApiException;
import cn.qifu.supervision.figures.Views.ByDimension;
import cn.qifu.supervision.figures.Views.Lights;
import cn.qifu.supervision.figures.Views.Summary;
import cn.qifu.supervision.figures.Views.Trend;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The center's figures for supervisors, leaders, dispatchers, the front desk and administrators (a department clerk or
 * a channel gets 403). {@code month} is YYYY-MM in Asia/Shanghai, the engine clock's month when left out.
 */
@RestController
@RequestMapping("/api/stats")
class FiguresController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final FiguresService figures;
    private final FiguresWorkbook workbooks;

    FiguresController(FiguresService figures, FiguresWorkbook workbooks) {
        this.figures = figures;
        this.workbooks = workbooks;
    }

    @GetMapping("/summary")
    Summary summary(@RequestParam(required = false) String month, HttpServletRequest request) {
        requireReader(request);
        return figures.summary(month(month));
    }

    @GetMapping("/by/{dimension}")
    ByDimension by(@PathVariable String dimension, @RequestParam(required = false) String month,
                   HttpServletRequest request) {
        requireReader(request);
        Dimension parsed = Dimension.parse(dimension);
        return figures.byDimension(parsed, month(month));
    }

    @GetMapping("/trend")
    Trend trend(@RequestParam(required = false) String months, HttpServletRequest request) {
        requireReader(request);
        return figures.trend(months(months));
    }

    /** At most {@code limit} (default {@value #LIGHTS_LIMIT}) of each list, the most urgent first. */
    @GetMapping("/lights")
    Lights lights(@RequestParam(required = false) String limit, HttpServletRequest request) {
        requireReader(request);
        return figures.lights(limit(limit));
    }

    /** The month's workbook (.xlsx): the figures, per group, the trend, the red and yellow lists, and the ledger. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String month, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        requireReader(request);
        YearMonth wanted = month(month);
        SXSSFWorkbook workbook = workbooks.build(wanted);
        try {
            String fileName = "涉企问题月报-" + wanted + ".xlsx";
            response.setContentType(XLSX);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"qifu-figures-" + wanted
                    + ".xlsx\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            workbook.write(response.getOutputStream());
            response.flushBuffer();
        } finally {
            FiguresWorkbook.discard(workbook);
        }
    }

    static boolean mayRead(CurrentUser user) {
        return user != null && user.isCenterStaff();
    }

    private static void requireReader(HttpServletRequest request) {
        if (!mayRead(CurrentUser.of(request))) {
            throw ApiException.forbidden("统计数据只对督查、领导、交办、综合受理人员和管理员开放");
        }
    }

    private YearMonth month(String text) {
        return text == null || text.isBlank() ? figures.currentMonth() : MonthPeriod.parse("month", text);
    }

    static final int LIGHTS_LIMIT = 100;
    static final int MAX_LIGHTS_LIMIT = 10_000;

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return LIGHTS_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit", "INVALID_FORMAT", "条数应为 1 到 " + MAX_LIGHTS_LIMIT + " 的整数");
        }
        if (limit < 1 || limit > MAX_LIGHTS_LIMIT) {
            throw ApiException.invalid("limit", "OUT_OF_RANGE", "条数应为 1 到 " + MAX_LIGHTS_LIMIT + " 的整数");
        }
        return limit;
    }

    private static int months(String text) {
        if (text == null || text.isBlank()) {
            return 12;
        }
        int months;
        try {
            months = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("months", "INVALID_FORMAT", "月数应为 1 到 " + FiguresService.MAX_TREND_MONTHS + " 的整数");
        }
        if (months < 1 || months > FiguresService.MAX_TREND_MONTHS) {
            throw ApiException.invalid("months", "OUT_OF_RANGE", "月数应为 1 到 " + FiguresService.MAX_TREND_MONTHS + " 的整数");
        }
        return months;
    }
}
