package cn.qifu.department;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
@EnableConfigurationProperties(DepartmentProperties.class)
class DepartmentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DepartmentConfiguration.class);

    /**
     * The adapter every scenario step uses, bean name {@code departmentAdapter} (also usable in BPMN expressions,
     * e.g. {@code ${departmentAdapter.query(department, reference)}}).
     */
    @Bean
    DepartmentAdapter departmentAdapter(DepartmentProperties properties, Environment environment, ObjectMapper json) {
        String defaultUrl = properties.defaults().baseUrl();
        if (defaultUrl != null && defaultUrl.contains("/simulator/")
                && !environment.getProperty("qifu.simulator.enabled", Boolean.class, false)) {
            log.warn("部门系统默认地址指向模拟器，但模拟器未启用：请在 qifu.departments.systems 中配置各部门系统的地址 / "
                    + "qifu.departments.defaults.base-url points at the department simulator, which is not enabled: "
                    + "configure each department under qifu.departments.systems ({})", defaultUrl);
        }
        return new HttpDepartmentAdapter(properties, environment, json);
    }
}
