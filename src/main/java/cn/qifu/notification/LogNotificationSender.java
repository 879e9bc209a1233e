package cn.qifu.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The sender every installation has: the application log. Others (e-mail, SMS) are further {@link NotificationSender} beans. */
@Component
class LogNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger("qifu.notifications");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(Notification n) {
        log.info("通知 → {}：{}", n.recipientGroup() != null ? "组 " + n.recipientGroup() : "用户 " + n.recipientUser(), n.subject());
    }
}
