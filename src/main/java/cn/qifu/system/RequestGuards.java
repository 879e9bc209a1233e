package cn.qifu.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The limits every request meets before it reaches a controller or the engine (see {@link ApiProperties}). */
@Configuration
@EnableConfigurationProperties(ApiProperties.class)
class RequestGuards {

    @Bean
    FilterRegistrationBean<RequestBodyGuard> apiRequestBody(ApiProperties properties, ObjectMapper json) {
        FilterRegistrationBean<RequestBodyGuard> registration =
                new FilterRegistrationBean<>(new RequestBodyGuard(properties.maxBodySize().toBytes(), json));
        registration.setName("api-request-body");
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<DeploymentGuard> deploymentGuard(ApiProperties properties, ObjectMapper json) {
        FilterRegistrationBean<DeploymentGuard> registration =
                new FilterRegistrationBean<>(new DeploymentGuard(properties.maxDeploymentSize().toBytes(), json));
        registration.setName("engine-rest-deployment-guard");
        registration.addUrlPatterns("/engine-rest/*");
        // after the engine's authentication: a stranger gets 401 without the body being read
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
