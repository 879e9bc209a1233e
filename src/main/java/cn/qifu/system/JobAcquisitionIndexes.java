package cn.qifu.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two indexes on Camunda's job table that its schema lacks, made at start when missing (part of
 * {@link PerformanceTuning}).
 *
 * <p>Each acquisition of the job executor asks for due, unlocked jobs ({@code DUEDATE_ <= now}) and, for every candidate,
 * whether another job of the same process hierarchy is locked right now ({@code LOCK_EXP_TIME_ >= now}, the
 * exclusive-over-hierarchies check). Without an index both read the whole table: at 30,000 waiting deadline timers an
 * acquisition of 16 jobs read it 17 times, and the morning-after-a-holiday burst spent its time there. With them the first
 * is a range over the due jobs and the second over the few jobs locked at that moment.
 *
 * <p>They live here and not in a Flyway migration because the engine, not Flyway, creates its tables (and may do so
 * after the migrations on a new database). Two nodes starting together may both try; the second finds the index made.
 */
final class JobAcquisitionIndexes {

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndexes.class);

    /** Index name → column of the job table. */
    static final Map<String, String> INDEXES = new LinkedHashMap<>();

    static {
        INDEXES.put("QF_IDX_JOB_DUEDATE", "DUEDATE_");
        INDEXES.put("QF_IDX_JOB_LOCK_EXP", "LOCK_EXP_TIME_");
    }

    private JobAcquisitionIndexes() {
    }

    static void ensure(ProcessEngineConfigurationImpl configuration) {
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        DataSource dataSource = configuration.getDataSource();
        for (Map.Entry<String, String> index : INDEXES.entrySet()) {
            try (Connection connection = dataSource.getConnection()) {
                if (existing(connection, table).contains(index.getKey())) {
                    continue;
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE INDEX " + index.getKey() + " ON " + table + " (" + index.getValue() + ")");
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                    }
                    log.info("作业表索引 {} ({}) 已建立", index.getKey(), index.getValue());
                } catch (SQLException e) {
                    if (!existing(connection, table).contains(index.getKey())) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                // the engine works without them, only slower: a start is not refused for this
                log.warn("作业表索引 {} 未能建立：{}", index.getKey(), e.getMessage());
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
