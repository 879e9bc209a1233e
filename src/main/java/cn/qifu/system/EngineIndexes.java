package cn.qifu.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes on Camunda's tables that its schema lacks, made at start when missing (part of {@link PerformanceTuning}).
 *
 * <p>The job table's due date and lock expiry: each acquisition of the job executor asks for due, unlocked jobs
 * ({@code DUEDATE_ <= now}) and, for every candidate, whether another job of the same process hierarchy is locked right
 * now ({@code LOCK_EXP_TIME_ >= now}, the exclusive-over-hierarchies check). Without an index both read the whole table:
 * at 30,000 waiting deadline timers an acquisition of 16 jobs read it 17 times, and the morning-after-a-holiday burst
 * spent its time there. With them the first is a range over the due jobs and the second over the few jobs locked at that
 * moment.
 *
 * <p>The identity links' group, type and task together: a department's list in Tasklist (本组待签收) starts from its
 * candidate-group links, one per open task of the department; Camunda's index on the group alone sends every one of
 * them to the table for its type and task. The authorizations' resource with every column a grant is checked by: the
 * list asks for each of those tasks whether the clerk's group holds a grant on it ({@link TasklistQuery}), and with
 * Camunda's index on the resource alone each answer read the grant's row as well (a quarter of the list's time at
 * 10,000 open tasks per department).
 *
 * <p>The tasks' parent task: every completed or deleted task is asked for its subtasks
 * ({@code WHERE PARENT_TASK_ID_ = ?}), and without an index that read the whole task table, once per step of every
 * problem: 25 ms at 30,000 open tasks, growing with them (a known gap of Camunda's schema, camunda/camunda#36824).
 *
 * <p>They live here and not in a Flyway migration because the engine, not Flyway, creates its tables (and may do so
 * after the migrations on a new database). Two nodes starting together may both try; the second finds the index made.
 */
public final class EngineIndexes {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    public record EngineIndex(String name, String table, String columns) {
    }

    /** The grants on a resource, named by {@link GrantCheck}'s statement. */
    static final EngineIndex AUTH_RESOURCE_GRANT = new EngineIndex("QF_IDX_AUTH_RESOURCE_GRANT", "ACT_RU_AUTHORIZATION",
            "RESOURCE_ID_, RESOURCE_TYPE_, TYPE_, GROUP_ID_, USER_ID_, PERMS_");

    /** Also read by the benchmark, whose Camunda-defaults variant runs without them. */
    public static final List<EngineIndex> INDEXES = List.of(
            new EngineIndex("QF_IDX_JOB_DUEDATE", "ACT_RU_JOB", "DUEDATE_"),
            new EngineIndex("QF_IDX_JOB_LOCK_EXP", "ACT_RU_JOB", "LOCK_EXP_TIME_"),
            new EngineIndex("QF_IDX_IDENT_LNK_GROUP_TASK", "ACT_RU_IDENTITYLINK", "GROUP_ID_, TYPE_, TASK_ID_"),
            new EngineIndex("QF_IDX_TASK_PARENT", "ACT_RU_TASK", "PARENT_TASK_ID_"),
            // 3,072 bytes in utf8mb4, InnoDB's limit for a key: a server that refuses it logs a warning and runs slower
            EngineIndexes.AUTH_RESOURCE_GRANT);

    private EngineIndexes() {
    }

    static void ensure(ProcessEngineConfigurationImpl configuration) {
        DataSource dataSource = configuration.getDataSource();
        for (EngineIndex index : INDEXES) {
            String table = configuration.getDatabaseTablePrefix() + index.table();
            try (Connection connection = dataSource.getConnection()) {
                if (existing(connection, table).contains(index.name())) {
                    continue;
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE INDEX " + index.name() + " ON " + table + " (" + index.columns() + ")");
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                    }
                    log.info("引擎表索引 {} ({} {}) 已建立", index.name(), table, index.columns());
                } catch (SQLException e) {
                    if (!existing(connection, table).contains(index.name())) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                // the engine works without them, only slower: a start is not refused for this
                log.warn("引擎表索引 {} 未能建立：{}", index.name(), e.getMessage());
            }
        }
    }

    /** The index names of the table, upper case (H2 and MySQL report them in different cases). */
    static Set<String> existing(Connection connection, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        for (String candidate : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getIndexInfo(connection.getCatalog(), null, candidate, false, true)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        names.add(rs.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }
}
