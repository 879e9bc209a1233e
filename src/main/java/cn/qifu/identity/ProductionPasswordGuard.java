package cn.qifu.identity;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Outside the demo profile there is no default password: a start without {@code QIFU_ADMIN_PASSWORD}, or with a
 * well-known one, stops here, before the engine could create the administrator with it.
 */
public class ProductionPasswordGuard implements EnvironmentPostProcessor, Ordered {

    static final String PASSWORD = "camunda.bpm.admin-user.password";
    static final String USER = "camunda.bpm.admin-user.id";
    private static final Set<String> WELL_KNOWN = Set.of("demo", "admin", "password", "camunda", "qifu", "123456",
            "12345678", "123456789", "admin123", "changeit", "secret", "root");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        String reason = weakness(environment.getProperty(USER), environment.getProperty(PASSWORD));
        if (reason != null) {
            throw new IllegalStateException("拒绝启动：管理员密码" + reason
                    + "。请用环境变量 QIFU_ADMIN_PASSWORD 设置一个至少 8 位的非默认密码（或以 demo 配置启动演示环境）。"
                    + " Refusing to start outside the demo profile: the administrator password " + reason + ".");
        }
    }

    /** Why this password must not guard a production system, or null when it may. */
    static String weakness(String userId, String password) {
        if (password == null || password.isBlank()) {
            return "未设置 (not set)";
        }
        if (WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT)) || password.equalsIgnoreCase(userId)) {
            return "是默认或常见密码 (is a default password)";
        }
        // the placeholders of docker/.env.example are printed in the repository
        if (password.toLowerCase(Locale.ROOT).startsWith("change-me")) {
            return "是示例文件中的占位密码 (is the placeholder of docker/.env.example)";
        }
        if (password.length() < 8) {
            return "少于 8 位 (is shorter than 8 characters)";
        }
        return null;
    }

    @Override
    public int getOrder() {
        // after the config files and profiles are read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
