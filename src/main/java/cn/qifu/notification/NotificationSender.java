package cn.qifu.notification;

/**
 * A way a notification leaves the system (e-mail, SMS, 浙政钉…): a Spring bean implementing this is used by the
 * dispatcher. A sender that throws gets the notification again later; the in-app list never depends on it.
 */
public interface NotificationSender {

    /** A short name for the log and the outbox's last error. */
    String name();

    void send(Notification notification) throws Exception;
}
