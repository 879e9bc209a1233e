package cn.qifu.notification;

import cn.qifu.identity.CurrentUser;
import cn.qifu.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The in-app list: what was sent to me or to my groups, newest first. */
@RestController
class NotificationController {

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    List<Notification> inbox(HttpServletRequest request) {
        return notifications.inbox(CurrentUser.of(request));
    }

    @PostMapping("/api/notifications/{id}/read")
    ResponseEntity<Void> read(@PathVariable long id, HttpServletRequest request) {
        if (!notifications.markRead(id, CurrentUser.of(request))) {
            throw ApiException.notFound("通知 " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
