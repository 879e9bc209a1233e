package cn.qifu.notification;

import static cn.qifu.deadline.EngineClock.now;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the outbox to the senders. A notification is delivered when every sender took it; a sender that fails leaves
 * it in the outbox for the next round (up to {@code qifu.notifications.max-attempts}), so a mail server that is down
 * loses nothing. Several nodes may run this at once: a sender may then see a notification twice, never zero times.
 */
@Component
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final int BATCH = 200;

    private final NotificationMapper outbox;
    private final List<NotificationSender> senders;
    private final int maxAttempts;

    NotificationDispatcher(NotificationMapper outbox, List<NotificationSender> senders,
                           @Value("${qifu.notifications.max-attempts:20}") int maxAttempts) {
        this.outbox = outbox;
        this.senders = senders;
        this.maxAttempts = maxAttempts;
    }

    /** Returns how many notifications were delivered in this round. */
    @Scheduled(fixedDelayString = "${qifu.notifications.dispatch-interval:PT30S}", initialDelayString = "PT10S")
    public int dispatch() {
        int delivered = 0;
        for (Notification notification : outbox.undelivered(maxAttempts, BATCH)) {
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
