package cn.qifu.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qifu.department.DepartmentProperties.DepartmentSystem;
import cn.qifu.department.DepartmentProperties.Endpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** How one department's system is found: its own entry over the defaults, {code} and ${...} filled in. No HTTP. */
class DepartmentPropertiesTest {

    private static final String DEFAULT_URL = "http://127.0.0.1:${local.server.port}/simulator/departments/{code}";

    /** Binds the properties exactly as application.yml spells them. */
    private static DepartmentProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("qifu.departments", DepartmentProperties.class);
    }

    @Test
    void aDepartmentWithoutOwnEntryGetsTheDefaultsWithItsCode() {
        DepartmentProperties properties = bind(Map.of(
                "qifu.departments.defaults.base-url", DEFAULT_URL,
                "qifu.departments.defaults.timeout", "5s"));

        DepartmentSystem tax = properties.system("tax");

        assertThat(tax.code()).isEqualTo("tax");
        assertThat(tax.baseUrl()).isEqualTo("http://127.0.0.1:${local.server.port}/simulator/departments/tax");
        assertThat(tax.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tax.username()).isNull();
        assertThat(tax.authenticated()).isFalse();
    }

    @Test
    void aDepartmentsOwnEntryOverridesBaseUrlTimeoutAndCredentialsFieldByField() {
        DepartmentProperties properties = bind(Map.of(
                "qifu.departments.defaults.base-url", DEFAULT_URL,
                "qifu.departments.defaults.timeout", "5s",
                "qifu.departments.systems.amr.base-url", "https://amr.example.gov.cn/qifu",
                "qifu.departments.systems.amr.timeout", "10s",
                "qifu.departments.systems.amr.username", "qifu",
                "qifu.departments.systems.amr.password", "${AMR_PASSWORD}",
                // only the timeout: the address stays the default one
                "qifu.departments.systems.psb.timeout", "300ms"));

        DepartmentSystem amr = properties.system("amr");
        assertThat(amr.baseUrl()).isEqualTo("https://amr.example.gov.cn/qifu");
        assertThat(amr.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(amr.username()).isEqualTo("qifu");
        assertThat(amr.authenticated()).isTrue();

        DepartmentSystem psb = properties.system("psb");
        assertThat(psb.baseUrl()).isEqualTo("http://127.0.0.1:${local.server.port}/simulator/departments/psb");
        assertThat(psb.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(psb.authenticated()).isFalse();

        assertThat(properties.system("hrss").timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void credentialsOfTheDefaultsApplyUnlessADepartmentSwitchesThemOff() {
        DepartmentProperties properties = new DepartmentProperties(
                new Endpoint("https://gateway.example.gov.cn/{code}", null, "qifu", "secret"),
                Map.of("tax", new Endpoint(null, null, "", null),
                        "amr", new Endpoint(null, null, "qifu-amr", null)));

        assertThat(properties.system("hrss").username()).isEqualTo("qifu");
        assertThat(properties.system("hrss").password()).isEqualTo("secret");
        assertThat(properties.system("tax").authenticated()).isFalse();
        // another user never inherits the defaults' password
        assertThat(properties.system("amr").username()).isEqualTo("qifu-amr");
        assertThat(properties.system("amr").password()).isNull();
        assertThat(properties.system("amr").baseUrl()).isEqualTo("https://gateway.example.gov.cn/amr");
    }

    @Test
    void withoutAnyTimeoutTheTimeoutIsFiveSecondsAndNothingIsNull() {
        DepartmentProperties properties = bind(Map.of());

        assertThat(properties.defaults()).isNotNull();
        assertThat(properties.systems()).isEmpty();
        assertThat(properties.system("amr").timeout()).isEqualTo(DepartmentProperties.DEFAULT_TIMEOUT);
        assertThat(properties.system("amr").baseUrl()).isNull();
    }

    @Test
    void placeholdersAreResolvedAtCallTimeFromTheEnvironment() {
        DepartmentProperties properties = bind(Map.of(
                "qifu.departments.defaults.base-url", DEFAULT_URL,
                "qifu.departments.systems.amr.username", "qifu",
                "qifu.departments.systems.amr.password", "${AMR_PASSWORD}"));
        MockEnvironment environment = new MockEnvironment();

        // before the web server has started the port is unknown
        assertThatThrownBy(() -> properties.system("amr").resolve(environment))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local.server.port");

        environment.setProperty("local.server.port", "18080");
        environment.setProperty("AMR_PASSWORD", "s3cret");
        DepartmentSystem amr = properties.system("amr").resolve(environment);

        assertThat(amr.baseUrl()).isEqualTo("http://127.0.0.1:18080/simulator/departments/amr");
        assertThat(amr.password()).isEqualTo("s3cret");
        assertThat(amr.toString()).doesNotContain("s3cret");
    }
}
