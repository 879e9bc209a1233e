package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The indexes on Camunda's tables (PerformanceTuning), per database: made at start, and made again when missing; the
 * grant check that names one is used only where it exists.
 */
abstract class EngineIndexesContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    @Test
    void theEngineStartsWithTheIndexes() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(EngineIndexes.existing(c, "ACT_RU_JOB"))
                    .contains("QF_IDX_JOB_DUEDATE", "QF_IDX_JOB_LOCK_EXP");
            assertThat(EngineIndexes.existing(c, "ACT_RU_IDENTITYLINK")).contains("QF_IDX_IDENT_LNK_GROUP_TASK");
            assertThat(EngineIndexes.existing(c, "ACT_RU_AUTHORIZATION")).contains("QF_IDX_AUTH_RESOURCE_GRANT");
            assertThat(EngineIndexes.existing(c, "ACT_RU_TASK")).contains("QF_IDX_TASK_PARENT");
        }
    }

    @Test
    void aTasksSubtasksAreReadByTheIndex() throws Exception {
        // asked of every task completed or deleted (Camunda's selectTasksByParentTaskId); the whole table without it
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet plan = s.executeQuery("EXPLAIN SELECT * FROM ACT_RU_TASK WHERE PARENT_TASK_ID_ = 'x'")) {
            boolean h2 = c.getMetaData().getDatabaseProductName().contains("H2");
            assertThat(plan.next()).isTrue();
            assertThat(h2 ? plan.getString(1) : plan.getString("key")).contains("QF_IDX_TASK_PARENT");
        }
    }

    @Test
    void aMissingIndexIsMadeAgainAndAPresentOneIsLeft() throws Exception {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().contains("H2");
            s.execute(h2 ? "DROP INDEX QF_IDX_JOB_DUEDATE" : "DROP INDEX QF_IDX_JOB_DUEDATE ON ACT_RU_JOB");
            s.execute(h2 ? "DROP INDEX QF_IDX_IDENT_LNK_GROUP_TASK"
                    : "DROP INDEX QF_IDX_IDENT_LNK_GROUP_TASK ON ACT_RU_IDENTITYLINK");
            assertThat(EngineIndexes.existing(c, "ACT_RU_JOB")).doesNotContain("QF_IDX_JOB_DUEDATE")
                    .contains("QF_IDX_JOB_LOCK_EXP");
            assertThat(EngineIndexes.existing(c, "ACT_RU_IDENTITYLINK")).doesNotContain("QF_IDX_IDENT_LNK_GROUP_TASK");

            EngineIndexes.ensure(configuration);
            EngineIndexes.ensure(configuration);

            assertThat(EngineIndexes.existing(c, "ACT_RU_JOB"))
                    .contains("QF_IDX_JOB_DUEDATE", "QF_IDX_JOB_LOCK_EXP");
            assertThat(EngineIndexes.existing(c, "ACT_RU_IDENTITYLINK")).contains("QF_IDX_IDENT_LNK_GROUP_TASK");
        }
    }

    @Test
    void theGrantCheckIsUsedWhereItsIndexExistsOnly() throws Exception {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
        Map<String, String> mappings = sessions.getStatementMappings();
        Map<String, String> camunda = new HashMap<>(mappings);
        camunda.remove(GrantCheck.STATEMENT);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().contains("H2");
            sessions.setStatementMappings(camunda);
            s.execute(h2 ? "DROP INDEX QF_IDX_AUTH_RESOURCE_GRANT"
                    : "DROP INDEX QF_IDX_AUTH_RESOURCE_GRANT ON ACT_RU_AUTHORIZATION");
            GrantCheck.install(configuration);
            assertThat(sessions.mapStatement(GrantCheck.STATEMENT)).as("without its index")
                    .isEqualTo(GrantCheck.STATEMENT);

            EngineIndexes.ensure(configuration);
            GrantCheck.install(configuration);
            assertThat(sessions.mapStatement(GrantCheck.STATEMENT)).as("with its index, on MySQL and MariaDB")
                    .isEqualTo(h2 ? GrantCheck.STATEMENT : GrantCheck.OURS);
        } finally {
            EngineIndexes.ensure(configuration);
            sessions.setStatementMappings(mappings);
        }
    }
}
