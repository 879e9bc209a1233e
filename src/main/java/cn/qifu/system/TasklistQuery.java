package cn.qifu.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * Camunda's task query (Tasklist's lists and counts, the REST API's {@code /task}, filters) with the authorization check
 * asked per task instead of joined ({@code camunda/task-query.xml}, a copy of Camunda 7.24.0's statements with that one
 * change; the file says why). Installed into the engine's MyBatis configuration after the engine's own mappings, and
 * put in place of Camunda's two statements through the engine's statement mappings, which exist for exactly this:
 * database-specific variants of a statement. Every other statement is Camunda's.
 */
final class TasklistQuery {

    static final String RESOURCE = "camunda/task-query.xml";
    static final String NAMESPACE = "cn.qifu.system.TasklistQuery";
    static final Map<String, String> STATEMENTS = Map.of(
            "selectTaskByQueryCriteria", NAMESPACE + ".selectTaskByQueryCriteria_qifu",
            "selectTaskCountByQueryCriteria", NAMESPACE + ".selectTaskCountByQueryCriteria_qifu");

    private TasklistQuery() {
    }

    static void install(ProcessEngineConfigurationImpl engine) {
        Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(STATEMENTS.get("selectTaskByQueryCriteria"), false)) {
            try (InputStream in = TasklistQuery.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                new XMLMapperBuilder(in, mybatis, RESOURCE, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        DbSqlSessionFactory sessions = engine.getDbSqlSessionFactory();
        // a copy: the engine's mappings of a database type are one map shared by every engine in the JVM
        Map<String, String> mappings = sessions.getStatementMappings() == null
                ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
        mappings.putAll(STATEMENTS);
        sessions.setStatementMappings(mappings);
    }
}
