package cn.qifu.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Camunda's authorization manager, except that a user's few groups go into the checks as they are (part of
 * {@link PerformanceTuning}).
 *
 * <p>Before its first check in a command, Camunda reads every group that holds any authorization
 * ({@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}) and keeps only those of the user's groups: it shortens
 * the checks of a user in hundreds of groups. Staff here are in one to three groups, and the read was one statement of
 * every command a clerk or the REST API runs (15 of the 330 statements of a problem's loop). A group without
 * authorizations matches no authorization row, so every check and every query answers the same with it or without it;
 * a user in more than {@value #FEW} groups is filtered as Camunda does.
 */
public class FewGroupsAuthorizationManager extends AuthorizationManager {

    static final int FEW = 16;

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
        if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty() || authenticatedGroupIds.size() > FEW) {
            return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
        }
        return authenticatedGroupIds.stream().filter(Objects::nonNull).distinct()
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Opens this manager where the engine asks for its {@link AuthorizationManager}. */
    static final class Factory implements SessionFactory {

        @Override
        public Class<?> getSessionType() {
            return AuthorizationManager.class;
        }

        @Override
        public Session openSession() {
            return new FewGroupsAuthorizationManager();
        }
    }
}
