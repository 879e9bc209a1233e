package cn.qifu.problem;

import cn.qifu.identity.CurrentUser;
import cn.qifu.system.ApiException;
import cn.qifu.system.IdempotencyKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The API the channels (hotline, 浙里办, window, visiting staff) use for an enterprise's problems. */
@RestController
@RequestMapping(value = "/api/problems", produces = "application/json")
class ProblemController {

    static final int LIST_LIMIT = 200;

    private final ProblemService problems;

    ProblemController(ProblemService problems) {
        this.problems = problems;
    }

    /**
     * Registers a problem and starts its loop. With an {@code Idempotency-Key}, a repeat (the channel retrying)
     * returns the first result, marked {@code Idempotency-Replayed: true}, instead of a second problem.
     */
    @PostMapping(consumes = "application/json")
    ResponseEntity<ProblemView> submit(@RequestBody ProblemSubmission submission,
                                       @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                       HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(request);
        String scopedKey = IdempotencyKeys.scoped(user.userId(), key);
        return IdempotencyKeys.oneAtATime(scopedKey, () -> submitOnce(submission, user, scopedKey));
    }

    private ResponseEntity<ProblemView> submitOnce(ProblemSubmission submission, CurrentUser user, String scopedKey) {
        if (scopedKey != null) {
            var first = problems.byIdempotencyKey(scopedKey);
            if (first.isPresent()) {
                return replay(first.get());
            }
        }
        Problem problem;
        try {
            problem = problems.submit(submission, user.userId(), scopedKey);
        } catch (DataIntegrityViolationException raced) {
            // the same key arrived twice at once: the other request stored it first
            var first = scopedKey == null ? null : problems.byIdempotencyKey(scopedKey).orElse(null);
            if (first == null) {
                throw raced;
            }
            return replay(first);
        }
        return ResponseEntity.created(URI.create("/api/problems/" + problem.id())).body(view(problem, false));
    }

    @GetMapping("/{id}")
    ProblemView get(@PathVariable long id, HttpServletRequest request) {
        return view(visible(id, CurrentUser.of(request)), true);
    }

    @GetMapping
    List<ProblemView> byEnterprise(@RequestParam String creditCode, HttpServletRequest request) {
        String code = creditCode.strip().toUpperCase();
        CreditCode.problem(code).ifPresent(p -> {
            throw ApiException.invalid("creditCode", p[0], p[1]);
        });
        CurrentUser user = CurrentUser.of(request);
        return problems.byCreditCode(code, LIST_LIMIT).stream()
                .filter(p -> ProblemAccess.canSee(user, p, problems.departments(p.id())))
                .map(p -> view(p, false)).toList();
    }

    @PostMapping(value = "/{id}/supplement", consumes = "application/json")
    ProblemView supplement(@PathVariable long id, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(request);
        Problem problem = actingForEnterprise(id, user);
        problems.supplement(problem.id(), text(body, "content"), user.userId());
        return view(problems.get(id), true);
    }

    @PostMapping(value = "/{id}/evaluation", consumes = "application/json")
    ProblemView evaluate(@PathVariable long id, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(request);
        Problem problem = actingForEnterprise(id, user);
        String ratingText = text(body, "rating");
        Rating rating;
        try {
            rating = Rating.valueOf(ratingText == null ? "" : ratingText.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("rating", ratingText == null ? "REQUIRED" : "UNKNOWN_VALUE",
                    "评价应为 SATISFIED（满意）、BASICALLY_SATISFIED（基本满意）或 UNSATISFIED（不满意）");
        }
        String comment = text(body, "comment");
        if (comment != null && comment.length() > 1000) {
            throw ApiException.invalid("comment", "TOO_LONG", "不能超过1000个字");
        }
        problems.evaluate(problem.id(), rating, comment, user.userId());
        return view(problems.get(id), true);
    }

    private Problem visible(long id, CurrentUser user) {
        Problem problem;
        try {
            problem = problems.get(id);
        } catch (ApiException notFound) {
            throw ApiException.notFound("问题 " + id);
        }
        if (!ProblemAccess.canSee(user, problem, problems.departments(id))) {
            throw ApiException.notFound("问题 " + id);
        }
        return problem;
    }

    private Problem actingForEnterprise(long id, CurrentUser user) {
        Problem problem = visible(id, user);
        if (!ProblemAccess.canActForEnterprise(user, problem)) {
            throw ApiException.forbidden("只有提交该问题的渠道或综合受理窗口可以代表企业操作");
        }
        return problem;
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.invalid(field, "INVALID_TYPE", "应为文本");
        }
        return (String) value;
    }

    private ResponseEntity<ProblemView> replay(Problem first) {
        return ResponseEntity.created(URI.create("/api/problems/" + first.id()))
                .header("Idempotency-Replayed", "true").body(view(first, false));
    }

    private ProblemView view(Problem problem, boolean detailed) {
        String mergedInto = problem.mergedInto() == null ? null : problems.get(problem.mergedInto()).problemNo();
        return ProblemView.of(problem, detailed ? problems.departments(problem.id()) : null,
                detailed ? problems.timeline(problem.id()) : null, problems::departmentName, mergedInto);
    }
}
