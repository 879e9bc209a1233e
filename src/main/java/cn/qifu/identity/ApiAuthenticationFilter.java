package cn.qifu.identity;

import cn.qifu.system.ApiError;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls to {@code /api}: HTTP Basic against the engine's users ({@link BasicLogins}; channels, scripts),
 * or, for reading only, the session of a user logged in to the Camunda webapps (the dashboard in the same browser).
 * Writes need Basic so that another site cannot ride a staff member's session (no CSRF token on /api).
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final String engineName;
    private final ObjectMapper json;
    private final BasicLogins logins;

    ApiAuthenticationFilter(IdentityService identityService, String engineName, ObjectMapper json, BasicLogins logins) {
        this.identityService = identityService;
        this.engineName = engineName;
        this.json = json;
        this.logins = logins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentUser> user = fromBasic(request.getHeader("Authorization"));
        if (user.isEmpty() && isRead(request)) {
            user = fromWebappSession(request.getSession(false));
        }
        if (user.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            // a page's script (the dashboard) shows its own "please log in": no browser password dialog for it
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"qifu\", charset=\"UTF-8\"");
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(),
                    ApiError.of("UNAUTHENTICATED", "请先登录：使用 HTTP Basic 认证，或在 Camunda 网页中登录后再访问"));
            return;
        }
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, user.get());
        chain.doFilter(request, response);
    }

    private static boolean isRead(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
    }

    private Optional<CurrentUser> fromBasic(String header) {
        return logins.verify(header, identityService).map(login -> new CurrentUser(login.userId(), login.groupIds()));
    }

    private Optional<CurrentUser> fromWebappSession(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null
                ? null : authentications.getAuthenticationForProcessEngine(engineName);
        if (authentication instanceof UserAuthentication user) {
            return Optional.of(new CurrentUser(user.getIdentityId(), List.copyOf(user.getGroupIds())));
        }
        return Optional.empty();
    }
}
