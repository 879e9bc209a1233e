package cn.qifu.problem;

import java.time.Instant;

/** One line of a problem's timeline: who did what, when, and why. */
public record TimelineEvent(Long id, Long problemId, Instant occurredAt, String actor, Action action, String detail,
                            String reason) {
}
