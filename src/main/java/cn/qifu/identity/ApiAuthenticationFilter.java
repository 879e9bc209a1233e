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
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls to {@code /api}: HTTP Basic against the engine's users (channels, scripts), or, for reading only,
 * the session of a user logged in to the Camunda webapps (the dashboard in the same browser). Writes need Basic so
 * that another site cannot ride a staff member's session (no CSRF token on /api).
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final String engineName;
    private final ObjectMapper json;

    ApiAuthenticationFilter(IdentityService identityService, String engineName, ObjectMapper json) {
        this.identityService = identityService;
        this.engineName = engineName;
        this.json = json;
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
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String userId = decoded.substring(0, colon);
        if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
            return Optional.empty();
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        return Optional.of(new CurrentUser(userId, groups));
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
