package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The job table's acquisition indexes (PerformanceTuning), per database: made at start, and made again when missing. */
abstract class JobAcquisitionIndexesContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    @Test
    void theEngineStartsWithTheJobAcquisitionIndexes() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(JobAcquisitionIndexes.existing(c, "ACT_RU_JOB"))
                    .contains("QF_IDX_JOB_DUEDATE", "QF_IDX_JOB_LOCK_EXP");
        }
    }

    @Test
    void aMissingIndexIsMadeAgainAndAPresentOneIsLeft() throws Exception {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().contains("H2");
            s.execute(h2 ? "DROP INDEX QF_IDX_JOB_DUEDATE" : "DROP INDEX QF_IDX_JOB_DUEDATE ON ACT_RU_JOB");
            assertThat(JobAcquisitionIndexes.existing(c, "ACT_RU_JOB")).doesNotContain("QF_IDX_JOB_DUEDATE")
                    .contains("QF_IDX_JOB_LOCK_EXP");

            JobAcquisitionIndexes.ensure(configuration);
            JobAcquisitionIndexes.ensure(configuration);

            assertThat(JobAcquisitionIndexes.existing(c, "ACT_RU_JOB"))
                    .contains("QF_IDX_JOB_DUEDATE", "QF_IDX_JOB_LOCK_EXP");
        }
    }
}
