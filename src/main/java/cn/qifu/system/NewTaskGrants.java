package cn.qifu.system;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Camunda's default authorizations (a task's candidate group, assignee and owner may read and work it), granted without
 * first reading the database for a grant on a task this very command created: its id is new, so no grant on it can be
 * stored yet, and one given earlier in the same command is found among the command's entities, where Camunda's provider
 * looks after its read. Each user task the process creates for a department or the 督查组 saved one statement (a
 * search of the authorizations by group and task id). Any other resource, and a task that was stored before (a claim,
 * a new candidate group on a waiting task), is Camunda's provider's own path.
 */
public class NewTaskGrants extends DefaultAuthorizationProvider {

    @Override
    protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
        return createdInThisCommand(resource, resourceId) ? null
                : super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
    }

    @Override
    protected AuthorizationEntity getGrantAuthorizationByUserId(String userId, Resource resource, String resourceId) {
        return createdInThisCommand(resource, resourceId) ? null
                : super.getGrantAuthorizationByUserId(userId, resource, resourceId);
    }

    /** A task inserted by the running command and not yet written (Camunda writes a command's entities at its end). */
    static boolean createdInThisCommand(Resource resource, String resourceId) {
        CommandContext command = Context.getCommandContext();
        if (command == null || resourceId == null || resource.resourceType() != Resources.TASK.resourceType()) {
            return false;
        }
        DbEntityManager entities = command.getDbEntityManager();
        TaskEntity task = entities.getCachedEntity(TaskEntity.class, resourceId);
        return task != null && entities.getDbEntityCache().isTransient(task);
    }
}
