package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.QifuApplication;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Passwords are never stored or logged as typed: a production start with its administrator password, logins that
 * succeed and fail (HTTP Basic on the API and on the engine's REST API, the webapps' login form), and then neither
 * password is anywhere in the log, and the user table holds a salted hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class PasswordsInTheClearTest {

    // unique enough never to turn up in a log by chance
    static final String ADMIN_PASSWORD = "Qifu-Admin-7f3Kq9-" + Long.toHexString(System.nanoTime());
    static final String WRONG_PASSWORD = "Qifu-Wrong-2mX8v4-" + Long.toHexString(System.nanoTime());
    static final String CLERK_PASSWORD = "Qifu-Clerk-9pL1z6-" + Long.toHexString(System.nanoTime());

    @Test
    void neitherLoggedNorStoredAsTyped(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QifuApplication.class).run(
                "--spring.profiles.active=prod", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:passwords" + System.nanoTime(), "--spring.datasource.username=sa",
                "--spring.datasource.password=", "--camunda.bpm.database.type=h2",
                "--spring.flyway.placeholders.table_options=", "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.admin-user.id=admin", "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD)) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
            ProcessEngine engine = app.getBean(ProcessEngine.class);
            // a second user with the same password as the first: a salted hash differs
            User clerk = engine.getIdentityService().newUser("pwclerk");
            clerk.setPassword(ADMIN_PASSWORD);
            engine.getIdentityService().saveUser(clerk);
            User other = engine.getIdentityService().newUser("pwother");
            other.setPassword(CLERK_PASSWORD);
            engine.getIdentityService().saveUser(other);

            HttpClient http = HttpClient.newHttpClient();
            // the good logins first: a wrong password holds back the user's next logins for seconds
            assertThat(basic(http, base + "/api/catalog/departments", "admin", ADMIN_PASSWORD)).isEqualTo(200);
            assertThat(basic(http, base + "/engine-rest/user/count", "pwother", CLERK_PASSWORD)).isEqualTo(200);
            assertThat(webappLogin(base, "admin", ADMIN_PASSWORD)).isEqualTo(200);
            assertThat(basic(http, base + "/api/catalog/departments", "admin", WRONG_PASSWORD)).isEqualTo(401);
            assertThat(basic(http, base + "/engine-rest/user/count", "pwother", WRONG_PASSWORD)).isEqualTo(401);
            assertThat(webappLogin(base, "pwclerk", WRONG_PASSWORD)).isIn(401, 403);

            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            List<Map<String, Object>> users = jdbc.queryForList("SELECT ID_, PWD_, SALT_ FROM ACT_ID_USER WHERE ID_ IN "
                    + "('admin', 'pwclerk', 'pwother')");
            assertThat(users).hasSize(3);
            for (Map<String, Object> user : users) {
                String hash = String.valueOf(user.get("PWD_"));
                assertThat(hash).as(user.get("ID_") + " stored hash").startsWith("{SHA-")
                        .doesNotContain(ADMIN_PASSWORD).doesNotContain(CLERK_PASSWORD);
                assertThat(String.valueOf(user.get("SALT_"))).as("salt").isNotBlank().isNotEqualTo("null");
            }
            assertThat(users.stream().filter(u -> !"pwother".equals(u.get("ID_"))).map(u -> u.get("PWD_")).distinct())
                    .as("the same password, salted differently").hasSize(2);
        }
        String log = output.getAll();
        assertThat(log).as("the application ran and logged").contains("Process Engine default created").contains("Started ");
        assertThat(log).doesNotContain(ADMIN_PASSWORD).doesNotContain(WRONG_PASSWORD).doesNotContain(CLERK_PASSWORD);
        for (String password : List.of(ADMIN_PASSWORD, WRONG_PASSWORD, CLERK_PASSWORD)) {
            assertThat(log).doesNotContain(Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
    }

    static int basic(HttpClient http, String url, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** As the login form of Cockpit: its page first (session and XSRF cookie), then the form post with the token. */
    static int webappLogin(String base, String user, String password) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
