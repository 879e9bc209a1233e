package cn.qifu.notification;

import static cn.qifu.deadline.EngineClock.now;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the outbox to the senders. A notification is delivered when every sender took it; a sender that fails leaves
 * it in the outbox for the next round (up to {@code qifu.notifications.max-attempts}), so a mail server that is down
 * loses nothing. Several nodes run this at once: each claims a notification in the database before sending it (a
 * lease of {@code qifu.notifications.claim-for}), so no two nodes send the same one; a node that dies while sending
 * leaves it to another once the lease ends (then, and only then, a sender may see it twice, never zero times).
 */
@Component
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final int BATCH = 200;

    private final NotificationMapper outbox;
    private final List<NotificationSender> senders;
    private final int maxAttempts;
    private final Duration claimFor;

    NotificationDispatcher(NotificationMapper outbox, List<NotificationSender> senders, int maxAttempts) {
        this(outbox, senders, maxAttempts, Duration.ofMinutes(5));
    }

    @Autowired
    NotificationDispatcher(NotificationMapper outbox, List<NotificationSender> senders,
                           @Value("${qifu.notifications.max-attempts:20}") int maxAttempts,
                           @Value("${qifu.notifications.claim-for:PT5M}") Duration claimFor) {
        this.outbox = outbox;
        this.senders = senders;
        this.maxAttempts = maxAttempts;
        this.claimFor = claimFor;
    }

    /** Returns how many notifications were delivered in this round. */
    @Scheduled(fixedDelayString = "${qifu.notifications.dispatch-interval:PT30S}", initialDelayString = "PT10S")
    public int dispatch() {
        int delivered = 0;
        // leases are wall-clock time between nodes, not the engine's (business) clock that tests move
        for (Notification notification : outbox.claimable(maxAttempts, Instant.now(), BATCH)) {
            Instant now = Instant.now();
            if (outbox.claim(notification.id(), now, now.plus(claimFor)) == 0) {
                continue;
            }
            String error = null;
            for (NotificationSender sender : senders) {
                try {
                    sender.send(notification);
                } catch (Exception e) {
                    error = sender.name() + ": " + e.getMessage();
                    log.warn("通知 {} 发送失败（第 {} 次），稍后重试：{}", notification.id(), notification.attempts() + 1, error);
                }
            }
            if (error == null) {
                outbox.delivered(notification.id(), now());
                delivered++;
            } else {
                outbox.failed(notification.id(), error.length() > 500 ? error.substring(0, 500) : error);
            }
        }
        return delivered;
    }
}
