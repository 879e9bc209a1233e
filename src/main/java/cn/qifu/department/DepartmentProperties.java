package cn.qifu.department;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.PropertyResolver;

/**
 * Where every department's system is and how to reach it: {@code qifu.departments.defaults} apply to every department,
 * {@code qifu.departments.systems.<code>} override them field by field for one department.
 *
 * <pre>
 * qifu:
 *   departments:
 *     defaults:
 *       base-url: http://127.0.0.1:${local.server.port}/simulator/departments/{code}
 *       timeout: 5s
 *     systems:
 *       amr: { base-url: https://amr.example.gov.cn/qifu, timeout: 10s, username: qifu, password: ${AMR_PASSWORD} }
 * </pre>
 *
 * <ul>
 *   <li>{@code base-url}: {@code {code}} is replaced by the department code; {@code ${...}} placeholders are resolved
 *       at call time through the Spring {@code Environment} (so {@code ${local.server.port}}, known only once the web
 *       server has started, works). The adapter calls {@code POST <base-url>/items} and
 *       {@code GET <base-url>/items/<reference>}.</li>
 *   <li>{@code timeout}: connect timeout and read timeout, each (default {@value #DEFAULT_TIMEOUT_TEXT}).</li>
 *   <li>{@code username}, {@code password}: when a username is set, every call carries HTTP Basic. An empty username
 *       in a department's entry switches off the credentials of the defaults for that department.</li>
 * </ul>
 */
@ConfigurationProperties(prefix = "qifu.departments")
public record DepartmentProperties(Endpoint defaults, Map<String, Endpoint> systems) {

    static final String DEFAULT_TIMEOUT_TEXT = "5s";
    /** When neither the department nor the defaults name a timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DepartmentProperties {
        defaults = defaults == null ? Endpoint.NONE : defaults;
        systems = systems == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(systems));
    }

    /** One department's system as configured: its own entry, field by field over the defaults, {@code {code}} filled in. */
    public DepartmentSystem system(String departmentCode) {
        Endpoint own = systems.getOrDefault(departmentCode, Endpoint.NONE);
        String baseUrl = first(own.baseUrl(), defaults.baseUrl());
        Duration timeout = own.timeout() != null ? own.timeout()
                : defaults.timeout() != null ? defaults.timeout() : DEFAULT_TIMEOUT;
        String username = first(own.username(), defaults.username());
        String password = own.username() != null ? own.password() : first(own.password(), defaults.password());
        return new DepartmentSystem(departmentCode,
                baseUrl == null ? null : baseUrl.replace("{code}", departmentCode),
                timeout, username, password);
    }

    private static String first(String own, String fallback) {
        return own != null ? own : fallback;
    }

    /**
     * The fields of {@code defaults} and of each entry of {@code systems}; a null field is not set (inherits the
     * defaults).
     */
    public record Endpoint(String baseUrl, Duration timeout, String username, String password) {

        static final Endpoint NONE = new Endpoint(null, null, null, null);

        @Override
        public String toString() {
            return "Endpoint[baseUrl=" + baseUrl + ", timeout=" + timeout + ", username=" + username
                    + ", password=" + (password == null ? null : "***") + "]";
        }
    }

    /**
     * One department's system, defaults applied. {@code baseUrl} still holds its {@code ${...}} placeholders, see
     * {@link #resolve(PropertyResolver)}.
     */
    public record DepartmentSystem(String code, String baseUrl, Duration timeout, String username, String password) {

        /** Whether calls carry HTTP Basic. */
        public boolean authenticated() {
            return username != null && !username.isBlank();
        }

        /**
         * The same with every {@code ${...}} placeholder of base URL and credentials resolved now (an unresolvable one
         * throws {@link IllegalArgumentException}).
         */
        public DepartmentSystem resolve(PropertyResolver placeholders) {
            return new DepartmentSystem(code, resolve(placeholders, baseUrl), timeout, resolve(placeholders, username),
                    resolve(placeholders, password));
        }

        private static String resolve(PropertyResolver placeholders, String text) {
            return text == null ? null : placeholders.resolveRequiredPlaceholders(text);
        }

        @Override
        public String toString() {
            return "DepartmentSystem[code=" + code + ", baseUrl=" + baseUrl + ", timeout=" + timeout + ", username="
                    + username + ", password=" + (password == null ? null : "***") + "]";
        }
    }
}
