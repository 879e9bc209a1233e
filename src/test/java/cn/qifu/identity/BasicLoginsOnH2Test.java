package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A login over HTTP Basic is checked against the engine's users and remembered for a while: what another node (here:
 * the database directly) changes takes until the login's time is up; what this node changes through the engine acts
 * at once; a wrong password is never let through.
 */
@OnH2
class BasicLoginsOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    IdentityService identity() {
        return engine.getIdentityService();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    void user(String id, String password, String group) {
        if (identity().createUserQuery().userId(id).count() == 0) {
            User user = identity().newUser(id);
            user.setPassword(password);
            identity().saveUser(user);
            identity().createMembership(id, group);
        }
    }

    @Test
    void aLoginIsRememberedWithItsGroupsUntilItsTimeIsUp() throws InterruptedException {
        user("loginremembered", "s3cret-1", Role.SUPERVISOR.groupId());
        BasicLogins logins = new BasicLogins(Duration.ofMillis(400));
        BasicLogins everyTime = new BasicLogins(Duration.ZERO);
        String header = basic("loginremembered", "s3cret-1");
        assertThat(logins.verify(header, identity()).orElseThrow().groupIds()).containsExactly(Role.SUPERVISOR.groupId());

        // as another node would: not through this node's engine
        jdbc.update("DELETE FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = ?", "loginremembered");

        assertThat(everyTime.verify(header, identity()).orElseThrow().groupIds()).isEmpty();
        assertThat(logins.verify(header, identity()).orElseThrow().groupIds()).containsExactly(Role.SUPERVISOR.groupId());
        Thread.sleep(500);
        assertThat(logins.verify(header, identity()).orElseThrow().groupIds()).isEmpty();
    }

    @Test
    void aChangeThroughTheEngineActsAtOnceOverHttp() {
        user("loginchanged", "old-pass-1", Role.SUPERVISOR.groupId());
        RawHttp http = new RawHttp(port);
        Map<String, String> json = Map.of("Accept", "application/json");
        assertThat(http.send("GET", "/api/stats/summary", "loginchanged", "old-pass-1", json, null).status())
                .isEqualTo(200);
        assertThat(http.send("GET", "/engine-rest/task/count", "loginchanged", "old-pass-1", json, null).status())
                .isEqualTo(200);

        identity().deleteMembership("loginchanged", Role.SUPERVISOR.groupId());
        assertThat(http.send("GET", "/api/stats/summary", "loginchanged", "old-pass-1", json, null).status())
                .as("no longer a supervisor").isEqualTo(403);

        User user = identity().createUserQuery().userId("loginchanged").singleResult();
        user.setPassword("new-pass-2");
        identity().saveUser(user);
        assertThat(http.send("GET", "/engine-rest/task/count", "loginchanged", "new-pass-2", json, null).status())
                .isEqualTo(200);
        // (a wrong password holds back the user's next logins for seconds: the old one is tried last)
        for (String path : new String[] {"/api/stats/summary", "/engine-rest/task/count"}) {
            assertThat(http.send("GET", path, "loginchanged", "old-pass-1", json, null).status())
                    .as("old password at " + path).isEqualTo(401);
        }
    }

    @Test
    void aWrongPasswordOrAnotherSchemeIsNeverLetThrough() {
        user("loginwrong", "right-pass", Role.CHANNEL.groupId());
        BasicLogins logins = new BasicLogins(Duration.ofHours(1));
        assertThat(logins.verify(basic("loginwrong", "right-pass"), identity())).isPresent();
        assertThat(logins.verify(basic("loginwrong", "wrong-pass"), identity())).isEmpty();
        assertThat(logins.verify(basic("loginwrong", ""), identity())).isEmpty();
        assertThat(logins.verify("Bearer abc", identity())).isEmpty();
        assertThat(logins.verify("Basic %%%", identity())).isEmpty();
        assertThat(logins.verify(null, identity())).isEmpty();
        assertThat(logins.verify(basic("nobody-at-all", "right-pass"), identity())).isEmpty();
    }
}
