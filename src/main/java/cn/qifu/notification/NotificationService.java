package cn.qifu.notification;

import static cn.qifu.deadline.EngineClock.now;

import cn.qifu.identity.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification outbox: a reminder is a row written in the same transaction as what caused it, so it exists
 * exactly when that happened; the in-app list reads it at once, and the {@link NotificationDispatcher} hands it to
 * every {@link NotificationSender} until each took it.
 */
@Service
@Transactional
public class NotificationService {

    static final int INBOX_LIMIT = 100;

    private final NotificationMapper outbox;

    NotificationService(NotificationMapper outbox) {
        this.outbox = outbox;
    }

    /** To everyone in a group (a department's code, "supervisor", "leader"…). */
    public void toGroup(String group, String subject, String body, String link) {
        outbox.insert(group, null, cut(subject, 200), cut(body, 2000), link, now());
    }

    @Transactional(readOnly = true)
    public List<Notification> inbox(CurrentUser user) {
        return outbox.inbox(user.userId(), user.groupIds(), INBOX_LIMIT);
    }

    public boolean markRead(long id, CurrentUser user) {
        return outbox.markRead(id, user.userId(), user.groupIds(), now()) == 1;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
