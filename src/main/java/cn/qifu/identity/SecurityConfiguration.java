package cn.qifu.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nobody reaches the engine or the application anonymously: {@code /engine-rest} (Tasklist-like clients, Camunda
 * Modeler's deploy) and {@code /api} both ask for a user. The webapps under {@code /camunda} have their own login.
 * Both check HTTP Basic the same way ({@link BasicLogins}).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    BasicLogins basicLogins(@Value("${qifu.identity.basic-login-ttl:60s}") Duration ttl) {
        return new BasicLogins(ttl);
    }

    @Bean
    IdentityChanges identityChanges(BasicLogins logins) {
        return new IdentityChanges(logins);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(BasicLogins logins) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAuthentication(logins));
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(ProcessEngine engine, ObjectMapper json,
                                                                      BasicLogins logins) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ApiAuthenticationFilter(engine.getIdentityService(), engine.getName(), json, logins));
        registration.setName("api-authentication");
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Camunda's filter for the REST API (engine by path, 401 with its challenge), its Basic check by {@link BasicLogins}. */
    static final class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

        private final BasicLogins logins;

        EngineRestAuthentication(BasicLogins logins) {
            this.logins = logins;
        }

        @Override
        public void init(FilterConfig config) throws ServletException {
            super.init(config);
            authenticationProvider = new HttpBasicAuthenticationProvider() {
                @Override
                public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
                    return logins.verify(request.getHeader("Authorization"), engine.getIdentityService())
                            .map(login -> {
                                AuthenticationResult result = AuthenticationResult.successful(login.userId());
                                // given here, so that Camunda's filter does not query them again
                                result.setGroups(login.groupIds());
                                result.setTenants(login.tenantIds());
                                return result;
                            })
                            .orElseGet(AuthenticationResult::unsuccessful);
                }
            };
        }
    }
}
