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
 * Puts this application's variant of some of Camunda's statements in their place ({@link TasklistQuery},
 * {@link GrantCheck}): the mapper file is added to the engine's MyBatis configuration after the engine's own, and the
 * engine's statement mappings, which exist for exactly this (database-specific variants of a statement), name the
 * variants. Every other statement stays Camunda's.
 */
final class EngineStatements {

    private EngineStatements() {
    }

    /** {@code statements}: Camunda's statement id → the variant's id in {@code resource}. */
    static void install(ProcessEngineConfigurationImpl engine, String resource, Map<String, String> statements) {
        Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(statements.values().iterator().next(), false)) {
            try (InputStream in = EngineStatements.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                new XMLMapperBuilder(in, mybatis, resource, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        DbSqlSessionFactory sessions = engine.getDbSqlSessionFactory();
        // a copy: the engine's mappings of a database type are one map shared by every engine in the JVM
        Map<String, String> mappings = sessions.getStatementMappings() == null
                ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
        mappings.putAll(statements);
        sessions.setStatementMappings(mappings);
    }
}
