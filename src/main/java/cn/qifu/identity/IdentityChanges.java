package cn.qifu.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Every change of a user (its password, its lock), of a group membership or of a tenant, made on this node through the
 * engine (Camunda Admin, the REST API, this application), makes the remembered HTTP Basic logins of this node be
 * checked again ({@link BasicLogins}). A group's or tenant's new name changes no login, so saving one is not listed.
 */
class IdentityChanges extends AbstractProcessEnginePlugin {

    static final Set<Class<?>> CHANGES = Set.of(SaveUserCmd.class, DeleteUserCmd.class, UnlockUserCmd.class,
            CreateMembershipCmd.class, DeleteMembershipCmd.class, DeleteGroupCmd.class, DeleteTenantCmd.class,
            CreateTenantUserMembershipCmd.class, DeleteTenantUserMembershipCmd.class,
            CreateTenantGroupMembershipCmd.class, DeleteTenantGroupMembershipCmd.class);

    private final BasicLogins logins;

    IdentityChanges(BasicLogins logins) {
        this.logins = logins;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new ForgetLogins());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** Outside the command's transaction: forgets before the change and again after its commit. */
    private final class ForgetLogins extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!CHANGES.contains(command.getClass())) {
                return next.execute(command);
            }
            logins.forgetAll();
            try {
                return next.execute(command);
            } finally {
                logins.forgetAll();
            }
        }
    }
}
