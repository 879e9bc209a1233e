package cn.qifu.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The performance tuning of the application, explained in one place (issue 6; every figure is measured by the benchmark
 * suite, README "Benchmarks", against Camunda's, Spring Boot's and Hikari's defaults). The settings live where Spring
 * reads them; each is named here with why it helps.
 *
 * <p><b>History: level {@value AuditTrail#NAME}</b> ({@code camunda.bpm.history-level}, this class). The audit trail of a
 * problem is the application's own ledger: every action of staff, enterprise and system is a row of
 * {@code qf_problem_event} with who, when, what and why, written in the transaction of the step. Camunda's history
 * keeps what the ledger does not: the process instances, every user task with who held and completed it, the user
 * operation log (claim, complete, every change an administrator makes through Cockpit, Tasklist or the REST API) and
 * the incidents. Left out: activity instances, variable values and their every update, decision evaluations, the job
 * log and identity links, about two thirds of all statements of a problem at level {@code full}, and nothing a screen
 * of this application, Tasklist or Cockpit (Community Edition) reads. A database created at level full is switched
 * once at start; the history already written stays.
 *
 * <p>The rest of the tuning, where it lives:
 * <ul>
 * <li><b>Authorization checks</b> (application.yml, {@code authorization-check-revokes: never}): this application only
 * grants, so the engine does not look for revoking authorizations in every check and query. A user's few groups go
 * into the checks as they are ({@link FewGroupsAuthorizationManager}): no read of every group that holds an
 * authorization in every command. Whether a user may claim or complete a task is one look-up of a grant in an index
 * ({@link GrantCheck}) instead of 24 subqueries. The grant a new task's candidate group gets is made without first
 * searching the authorizations for one on a task id no grant can name yet ({@link NewTaskGrants}).</li>
 * <li><b>HTTP Basic logins</b> ({@code identity.BasicLogins}, {@code qifu.identity.basic-login-ttl}): a login that
 * passed is remembered for 60 s instead of three commands of the engine (password, groups, tenants) at every request
 * of a channel system or script; a change of users or groups on this node is seen at once.</li>
 * <li><b>The mappings' OGNL</b> ({@link OgnlGetters}): the method a {@code <if test>} reads a property by is
 * remembered per class and name, instead of every method of Camunda's task query scanned for the two properties that
 * have no getter, in every query.</li>
 * <li><b>The DMN tables' FEEL</b> ({@link FeelLiteralShortcut}): a cell that is one text, compared with a text, is
 * answered without building Camunda's FEEL engine's library of built-in functions for it.</li>
 * <li><b>Engine metrics and history removal</b> (application.yml, {@code generic-properties}): no task-worker metric
 * insert per claim ({@code taskMetricsEnabled}); history cleaned by end time instead of a removal time written into
 * every history row when an instance ends ({@code historyRemovalTimeStrategy: none}, {@code endTimeBased}).</li>
 * <li><b>Job executor</b> (application.yml, {@code job-execution}): 4 threads on a 2-core node (a job waits for its
 * commit and for department systems; with 8 the 10,000-deadline burst ran at 124 timers/s instead of 140, the threads
 * waiting for the CPU), 8 jobs per acquisition, an idle executor looks for due timers every 1–5 s; jobs of one 一类事
 * application run one after the other ({@code jobExecutorAcquireExclusiveOverProcessHierarchies}), which removes the
 * optimistic-locking failures and their retry delays at the scenario's parallel join.</li>
 * <li><b>Connection pool and driver</b> (application-mysql.yml): 12 connections, a 5-s connection timeout (503 instead
 * of a hanging request when the database is away), Connector/J statement and metadata caches, batched inserts
 * rewritten to multi-row statements, no redundant autocommit and read-only round trips.</li>
 * <li><b>Indexes on the engine's tables</b> ({@link EngineIndexes}, at every start): Camunda's job table has no index
 * on the due date nor on the lock expiry, so every acquisition read the whole table, and with the exclusive-over-
 * hierarchies check once more for each candidate job: the 10,000-deadline burst went from 56 to 124 timers/s with
 * them. The identity links get one on group, type and task, from which a department's Tasklist list starts, and the
 * authorizations one that answers the list's grant check for each task without reading the grant's row. The tasks
 * get one on their parent task: Camunda asks every task it completes for its subtasks, and without it each step of a
 * problem read the whole task table (the loop with 30,000 open problems: 22.2 problems/s against 4.28).</li>
 * <li><b>Indexes and ledger columns</b> (Flyway {@code V10__performance_indexes.sql}): a covering index for a month's
 * figures and one for the open problems; 交办 / 退单 / 回访 kept on the ledger row so the figures need no probe of the
 * timeline per problem.</li>
 * <li><b>The trend's ended months counted once</b> ({@code supervision.figures.PastMonthTallies}, Flyway
 * {@code V11__past_month_tallies.sql}): a month that has ended is counted once and kept with a version that every
 * change of one of its problems moves; the 12-month trend reads the kept months and counts only the current one.
 * Application logic rather than a setting: both variants of the benchmark have it.</li>
 * <li><b>A month's figures counted per kind of problem</b> ({@code supervision.figures.GroupCounts}): the database
 * counts the month's problems per group and kind (status, overdue, rating, flags), a few hundred rows, and the
 * application adds them up and names the groups from the catalogue, instead of seventeen sums per problem and a join
 * with the departments per problem (by department 353 → 202 ms at 1,100,000 problems). Also in both variants.</li>
 * <li><b>Tasklist's task query</b> ({@link TasklistQuery}, {@code camunda/task-query.xml}): the authorization check
 * asked per task (EXISTS) instead of Camunda's OR join with every authorization of the user's groups, which MySQL and
 * MariaDB run as a block-nested loop: a clerk's 本组待签收 at 100,000 open problems took 18–21 s, 0.16 s asked per
 * task. A list ordered by the task's own columns chooses its page from ids and ordering columns first and reads its
 * 15 tasks whole after, instead of carrying every candidate task's whole row through DISTINCT and the sort. A task
 * looked up by its problem's process instance or number and its task key, as a Tasklist user's step and the REST API
 * look it up, is read by a statement of those few conditions ({@link TaskQueryShortcut}, {@code
 * qifu.performance.task-look-ups}) instead of testing the query's 150 criteria in OGNL. The same tasks are listed;
 * every other statement is Camunda's.</li>
 * <li><b>The database server</b> (docker/compose.yaml): InnoDB buffer pool 4 GB instead of MySQL's 128 MB.</li>
 * </ul>
 * Each is measured against Camunda's, Spring Boot's and Hikari's defaults by the benchmark suite ({@code cn.qifu.bench.Variant}
 * lists what the defaults variant puts back).
 */
@Component
public class PerformanceTuning extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(PerformanceTuning.class);

    private final boolean engineIndexes;
    private final boolean tasklistQuery;
    private final boolean fewGroups;
    private final boolean grantCheck;
    private final boolean feelShortcut;
    private final boolean ognlGetters;
    private final boolean taskLookUps;
    private final boolean newTaskGrants;

    /**
     * {@code qifu.performance.engine-indexes=false} leaves Camunda's tables as they come,
     * {@code qifu.performance.tasklist-query=false} Camunda's task query, {@code qifu.performance.few-groups=false}
     * Camunda's authorization manager, {@code qifu.performance.grant-check=false} Camunda's authorization check,
     * {@code qifu.performance.feel-shortcut=false} Camunda's FEEL engine alone, {@code qifu.performance.ognl-getters=false}
     * MyBatis's OGNL as it comes, {@code qifu.performance.task-look-ups=false} every task query through the whole
     * statement, {@code qifu.performance.new-task-grants=false} Camunda's provider of default authorizations (benchmark
     * only).
     */
    public PerformanceTuning(@Value("${qifu.performance.engine-indexes:true}") boolean engineIndexes,
                             @Value("${qifu.performance.tasklist-query:true}") boolean tasklistQuery,
                             @Value("${qifu.performance.few-groups:true}") boolean fewGroups,
                             @Value("${qifu.performance.grant-check:true}") boolean grantCheck,
                             @Value("${qifu.performance.feel-shortcut:true}") boolean feelShortcut,
                             @Value("${qifu.performance.ognl-getters:true}") boolean ognlGetters,
                             @Value("${qifu.performance.task-look-ups:true}") boolean taskLookUps,
                             @Value("${qifu.performance.new-task-grants:true}") boolean newTaskGrants) {
        this.engineIndexes = engineIndexes;
        this.tasklistQuery = tasklistQuery;
        this.fewGroups = fewGroups;
        this.grantCheck = grantCheck;
        this.feelShortcut = feelShortcut;
        this.ognlGetters = ognlGetters;
        this.taskLookUps = taskLookUps;
        this.newTaskGrants = newTaskGrants;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(AuditTrail.INSTANCE);
        configuration.setCustomHistoryLevels(levels);
        OgnlGetters.install(ognlGetters);
        if (fewGroups) {
            List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                    ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
            factories.add(new FewGroupsAuthorizationManager.Factory());
            configuration.setCustomSessionFactories(factories);
        }
        if (newTaskGrants && configuration.getResourceAuthorizationProvider() == null) {
            configuration.setResourceAuthorizationProvider(new NewTaskGrants());
        }
        if (feelShortcut && !configuration.isDmnFeelEnableLegacyBehavior()) {
            if (configuration.getDmnEngineConfiguration() == null) {
                configuration.setDmnEngineConfiguration(
                        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
            }
            FeelLiteralShortcut.install(configuration.getDmnEngineConfiguration());
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getHistoryLevel() == AuditTrail.INSTANCE) {
            switchFromFull(configuration);
        }
        if (tasklistQuery) {
            TasklistQuery.install(configuration, taskLookUps);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (engineIndexes) {
            EngineIndexes.ensure(configuration);
        }
        if (grantCheck) {
            GrantCheck.install(configuration);
        }
    }

    /**
     * The engine refuses to start on a database whose stored history level differs from the configured one; a database
     * this application created at level full before is moved to the audit trail (nothing else is touched).
     */
    private static void switchFromFull(ProcessEngineConfigurationImpl configuration) {
        String table = configuration.getDatabaseTablePrefix() + "ACT_GE_PROPERTY";
        try (Connection connection = configuration.getDataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE " + table
                     + " SET VALUE_ = ?, REV_ = REV_ + 1 WHERE NAME_ = 'historyLevel' AND VALUE_ = ?")) {
            update.setString(1, Integer.toString(AuditTrail.ID));
            update.setString(2, Integer.toString(HistoryLevel.HISTORY_LEVEL_FULL.getId()));
            if (update.executeUpdate() > 0) {
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                log.info("历史级别由 full 改为 {}：已有的历史数据保留", AuditTrail.NAME);
            }
        } catch (SQLException noTableYet) {
            // a new database: the engine creates its tables and stores the configured level itself
        }
    }

    /** The history level {@value #NAME}: see the class comment. */
    static final class AuditTrail implements HistoryLevel {

        static final String NAME = "audit-trail";
        static final int ID = 17;
        static final AuditTrail INSTANCE = new AuditTrail();

        private static final Set<HistoryEventType> KEPT = Set.of(
                HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
                HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
                HistoryEventTypes.TASK_INSTANCE_CREATE, HistoryEventTypes.TASK_INSTANCE_UPDATE,
                HistoryEventTypes.TASK_INSTANCE_MIGRATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
                HistoryEventTypes.TASK_INSTANCE_DELETE,
                HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_MIGRATE, HistoryEventTypes.INCIDENT_DELETE,
                HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_UPDATE,
                HistoryEventTypes.BATCH_START, HistoryEventTypes.BATCH_UPDATE, HistoryEventTypes.BATCH_END,
                HistoryEventTypes.USER_OPERATION_LOG);

        private AuditTrail() {
        }

        @Override
        public int getId() {
            return ID;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            return KEPT.contains(eventType);
        }

        @Override
        public String toString() {
            return NAME;
        }
    }
}
