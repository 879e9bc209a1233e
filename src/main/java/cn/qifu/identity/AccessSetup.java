package cn.qifu.identity;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's groups, grants and Tasklist filters match the catalogue, on every start and idempotently.
 * What a department may do with a single task (see and work it) comes from the engine itself: a task's candidate group
 * is granted READ and TASK_WORK on that task when it is created, so a department sees only its own work.
 */
@Component
@Order(20)
class AccessSetup implements ApplicationRunner {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final CatalogService catalog;

    AccessSetup(ProcessEngine engine, CatalogService catalog) {
        this.identity = engine.getIdentityService();
        this.authorizations = engine.getAuthorizationService();
        this.filters = engine.getFilterService();
        this.tasks = engine.getTaskService();
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> staffGroups = new ArrayList<>();
        for (Role role : Role.values()) {
            ensureGroup(role.groupId(), role.label(), Role.ROLE_GROUP_TYPE);
            if (role.worksInTasklist()) {
                staffGroups.add(role.groupId());
            }
        }
        for (Department department : catalog.departments()) {
            ensureGroup(department.code(), department.name(), Role.DEPARTMENT_GROUP_TYPE);
            staffGroups.add(department.code());
        }
        for (String group : staffGroups) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, "*", Permissions.READ);
            // the diagram in Tasklist; definitions only, no instance data
            grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
        }
        grant(Role.FRONTDESK.groupId(), Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Role.FRONTDESK.groupId(), Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
        for (Role role : Role.values()) {
            if (role.oversees()) {
                grantOversight(role.groupId());
            }
        }
        // supervisors sample closed problems for a return visit (回访)
        grant(Role.SUPERVISOR.groupId(), Resources.PROCESS_DEFINITION, "problemReturnVisit",
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Role.SUPERVISOR.groupId(), Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
        ensureFilters();
    }

    /** Supervisors and leaders read every instance, task and its history in Cockpit and Tasklist; they change nothing. */
    private void grantOversight(String group) {
        grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK);
        grant(group, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.READ);
        grant(group, Resources.TASK, "*", TaskPermissions.READ);
        grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    }

    private void ensureGroup(String id, String name, String type) {
        Group group = identity.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            group = identity.newGroup(id);
        } else if (name.equals(group.getName()) && type.equals(group.getType())) {
            return;
        }
        group.setName(name);
        group.setType(type);
        identity.saveGroup(group);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (hasAll(authorization, permissions)) {
            return;
        }
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private static boolean hasAll(Authorization authorization, Permission... permissions) {
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                return false;
            }
        }
        return true;
    }

    /** The lists staff open in Tasklist, each sorted by due date so the most urgent work is on top. */
    private void ensureFilters() {
        ensureFilter("我的待办", "已签收、由我办理的任务", -10,
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
        ensureFilter("本组待签收", "我所在部门或岗位可签收的任务", -5,
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
                        .orderByDueDate().asc());
        ensureFilter("已逾期", "办理期限已过的任务（红灯）", 0,
                tasks.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc());
        ensureFilter("全部任务", "我有权查看的全部任务", 10,
                tasks.createTaskQuery().orderByDueDate().asc());
    }

    private void ensureFilter(String name, String description, int priority, TaskQuery query) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(name);
        filter.setOwner(null);
        filter.setQuery(query);
        filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
        filters.saveFilter(filter);
    }
}
