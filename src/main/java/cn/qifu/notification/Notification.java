package cn.qifu.notification;

import java.time.Instant;

/** One message to a group (a department, the supervisors…) or a user, in the outbox until every sender took it. */
public record Notification(Long id, String recipientGroup, String recipientUser, String subject, String body,
                           String link, Instant createdAt, Instant readAt, Instant deliveredAt, int attempts,
                           String lastError) {
}
