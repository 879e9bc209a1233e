package cn.qifu.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a user may do something to a resource, asked as one look-up of a grant ({@code camunda/grant-check.xml}, which
 * says why) instead of Camunda's 24 subqueries; part of {@link PerformanceTuning}, put in place by
 * {@link EngineStatements}. Checks of another kind run Camunda's statement unchanged.
 */
public final class GrantCheck {

    static final String RESOURCE = "camunda/grant-check.xml";
    static final String STATEMENT = "isUserAuthorizedForResource";
    static final String OURS = "cn.qifu.system.GrantCheck.isUserAuthorizedForResource_qifu";
    /** The statement names the index and is written for these databases. */
    static final Set<String> DATABASES = Set.of("mysql", "mariadb");
    static final String INDEX = EngineIndexes.AUTH_RESOURCE_GRANT.name();
    private static final Logger log = LoggerFactory.getLogger(GrantCheck.class);

    private GrantCheck() {
    }

    /**
     * A check that one grant answers: revokes are not looked for, and it is satisfied by any one of its permissions on
     * a resource named by id (not by a column of a query). Called from the statement.
     */
    public static boolean isPlainGrantCheck(AuthorizationCheck check) {
        if (check == null || check.isRevokeAuthorizationCheckEnabled() || check.getPermissionChecks() == null) {
            return false;
        }
        CompositePermissionCheck permissions = check.getPermissionChecks();
        List<PermissionCheck> atomic = permissions.getAtomicChecks();
        if (atomic == null || atomic.isEmpty() || (atomic.size() > 1 && !permissions.isDisjunctive())) {
            return false;
        }
        if (permissions.getCompositeChecks() != null && !permissions.getCompositeChecks().isEmpty()) {
            return false;
        }
        return atomic.stream().allMatch(a -> a.getResourceIdQueryParam() == null);
    }

    /** The resources the grants may be on: each check's resource and '*'. Called from the statement. */
    public static Set<String> resourceIds(List<PermissionCheck> checks) {
        Set<String> ids = new LinkedHashSet<>();
        for (PermissionCheck check : checks) {
            if (check.getResourceId() != null) {
                ids.add(check.getResourceId());
            }
        }
        ids.add("*");
        return ids;
    }

    /** The resource types the checks name, for the range of the index. Called from the statement. */
    public static Set<Integer> resourceTypes(List<PermissionCheck> checks) {
        Set<Integer> types = new LinkedHashSet<>();
        for (PermissionCheck check : checks) {
            types.add(check.getResourceType());
        }
        return types;
    }

    /**
     * After {@link EngineIndexes#ensure}: the statement names the index (the optimizer left alone prefers a merge of the
     * user and group indexes, slower than Camunda's statement), so a database without it keeps Camunda's.
     */
    static void install(ProcessEngineConfigurationImpl engine) {
        if (!DATABASES.contains(engine.getDatabaseType())) {
            return;
        }
        try (Connection connection = engine.getDataSource().getConnection()) {
            String table = engine.getDatabaseTablePrefix() + EngineIndexes.AUTH_RESOURCE_GRANT.table();
            if (!EngineIndexes.existing(connection, table).contains(INDEX)) {
                log.warn("引擎表索引 {} 不存在：授权检查使用 Camunda 原语句", INDEX);
                return;
            }
        } catch (SQLException e) {
            log.warn("引擎表索引 {} 无法确认（{}）：授权检查使用 Camunda 原语句", INDEX, e.getMessage());
            return;
        }
        EngineStatements.install(engine, RESOURCE, Map.of(STATEMENT, OURS));
    }
}
