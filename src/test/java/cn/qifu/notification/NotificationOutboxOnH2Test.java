package cn.qifu.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.OnH2;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;

/** A reminder is in the in-app list at once, and a sender that is down loses nothing: it gets it again later. */
@OnH2
class NotificationOutboxOnH2Test {

    @Autowired
    NotificationService notifications;
    @Autowired
    NotificationMapper outbox;
    @Autowired
    TestRestTemplate http;

    @Test
    void aSenderThatIsDownGetsTheNotificationAgainLater() {
        notifications.toGroup("meteo", "气象局测试通知", "正文 <script>alert(1)</script>", null);
        JsonNode inbox = http.withBasicAuth("meteo1", "demo").getForObject("/api/notifications", JsonNode.class);
        JsonNode mine = null;
        for (JsonNode n : inbox) {
            if (n.get("subject").asText().equals("气象局测试通知")) {
                mine = n;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("body").asText()).isEqualTo("正文 <script>alert(1)</script>");
        assertThat(http.withBasicAuth("tax1", "demo").getForObject("/api/notifications", JsonNode.class))
                .noneMatch(n -> n.get("subject").asText().equals("气象局测试通知"));

        List<String> received = new ArrayList<>();
        boolean[] down = {true};
        NotificationSender mail = new NotificationSender() {
            public String name() {
                return "mail";
            }

            public void send(Notification n) throws Exception {
                if (down[0]) {
                    throw new Exception("mail server unreachable");
                }
                received.add(n.subject());
            }
        };
        NotificationDispatcher dispatcher = new NotificationDispatcher(outbox, List.of(mail), 5);
        dispatcher.dispatch();
        assertThat(received).isEmpty();
        assertThat(outbox.undelivered(5, 1000)).anySatisfy(n -> {
            assertThat(n.subject()).isEqualTo("气象局测试通知");
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.lastError()).contains("mail server unreachable");
        });
        down[0] = false;
        dispatcher.dispatch();
        assertThat(received).contains("气象局测试通知");
        assertThat(outbox.undelivered(5, 1000)).noneMatch(n -> n.subject().equals("气象局测试通知"));

        long id = mine.get("id").asLong();
        assertThat(http.withBasicAuth("tax1", "demo").postForEntity("/api/notifications/" + id + "/read", HttpEntity.EMPTY,
                String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.withBasicAuth("meteo1", "demo").postForEntity("/api/notifications/" + id + "/read", HttpEntity.EMPTY,
                String.class).getStatusCode().value()).isEqualTo(204);
    }
}
