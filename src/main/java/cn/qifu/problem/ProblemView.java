package cn.qifu.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/** A problem as the API shows it: codes for machines, names for people, times at +08:00. */
record ProblemView(long id, String number, String status, String statusName, String stage, String stageName,
                   String problemClass, String className, Integer timeLimitDays, String category, String board,
                   String channel, String creditCode, String enterpriseName, String title, String description,
                   OffsetDateTime submittedAt, OffsetDateTime acceptedAt, OffsetDateTime deadline, LocalDate dueDate,
                   Boolean deadlineProvisional, String light, boolean overdue, String leadDepartment,
                   List<DepartmentView> departments, String answer, String rating, String ratingName,
                   boolean ratingByDefault, int reopenCount, String mergedInto, OffsetDateTime closedAt,
                   List<EventView> timeline) {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    record DepartmentView(String code, String name, String role, String opinion, boolean declined) {
    }

    record EventView(OffsetDateTime at, String actor, String action, String actionName, String detail, String reason) {
    }

    static ProblemView of(Problem p, List<ProblemDepartment> departments, List<TimelineEvent> timeline,
                          Function<String, String> departmentName, String mergedIntoNo) {
        return new ProblemView(p.id(), p.problemNo(), p.status().name(), p.status().label(), p.stage().name(),
                p.stage().label(), p.problemClass() == null ? null : p.problemClass().name(),
                p.problemClass() == null ? null : p.problemClass().label(), p.timeLimitDays(), p.category(), p.board(),
                p.channel().name(), p.creditCode(), p.enterpriseName(), p.title(), p.description(), at(p.createdAt()),
                at(p.acceptedAt()), at(p.deadlineAt()), p.dueDate(), p.deadlineAt() == null ? null : p.deadlineProvisional(),
                p.light(), p.overdue(), p.leadDepartment(),
                departments == null ? null : departments.stream().map(d -> new DepartmentView(d.departmentCode(),
                        departmentName.apply(d.departmentCode()), d.role(), d.opinion(), d.declined())).toList(),
                p.answer(), p.rating() == null ? null : p.rating().name(), p.rating() == null ? null : p.rating().label(),
                p.ratingByDefault(), p.reopenCount(), mergedIntoNo, at(p.closedAt()),
                timeline == null ? null : timeline.stream().map(e -> new EventView(at(e.occurredAt()), e.actor(),
                        e.action().name(), e.action().label(), e.detail(), e.reason())).toList());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
