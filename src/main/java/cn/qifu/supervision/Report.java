package cn.qifu.supervision;

import java.time.Instant;

/** A stored report of the center's rhythm: DAILY 日报告, WEEKLY 周汇总, MONTHLY 月督办. Content is JSON. */
public record Report(Long id, String kind, String title, Instant periodStart, Instant periodEnd, String content,
                     Instant createdAt) {
}
