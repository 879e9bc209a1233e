package cn.qifu.supervision;

import cn.qifu.identity.CurrentUser;
import cn.qifu.identity.Role;
import cn.qifu.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The stored reports of the rhythm: 日报告, 周汇总, 月督办 (content is JSON). */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private static final Set<String> KINDS = Set.of(RhythmService.DAILY, RhythmService.WEEKLY, RhythmService.MONTHLY);
    static final int LIST_LIMIT = 60;

    private final RhythmService rhythm;
    private final ReportWorkbook workbooks;

    ReportController(RhythmService rhythm, ReportWorkbook workbooks) {
        this.rhythm = rhythm;
        this.workbooks = workbooks;
    }

    /** The report as an .xlsx workbook (text cells are never formulas). */
    @GetMapping("/{id}/export")
    void export(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireCenterStaff(request);
        Report report = rhythm.report(id);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", ContentDisposition.attachment()
                .filename(report.title() + ".xlsx", StandardCharsets.UTF_8).build().toString());
        workbooks.write(report, ZoneId.of("Asia/Shanghai"), response.getOutputStream());
    }

    @GetMapping
    List<Report> reports(@RequestParam(required = false) String kind, HttpServletRequest request) {
        requireCenterStaff(request);
        if (kind != null && !KINDS.contains(kind)) {
            throw ApiException.invalid("kind", "UNKNOWN_VALUE", "报告类别应为 DAILY（日报告）、WEEKLY（周汇总）或 MONTHLY（月督办）");
        }
        return rhythm.reports(kind, LIST_LIMIT);
    }

    @GetMapping("/{id}")
    Report report(@PathVariable long id, HttpServletRequest request) {
        requireCenterStaff(request);
        return rhythm.report(id);
    }

    /** Reports are the center's: its staff, supervisors and leaders read them; departments get their part by notice. */
    static void requireCenterStaff(HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(request);
        if (!user.isCenterStaff() && !user.isIn(Role.REFORM)) {
            throw ApiException.forbidden("只有中心工作人员、督查组和领导可以查看报告");
        }
    }
}
