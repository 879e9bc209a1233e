package cn.qifu.bench;

import cn.qifu.system.EngineIndexes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indexes this project adds for performance (the Flyway migration {@value #MIGRATION}); the Camunda-defaults variant
 * runs without them.
 */
public final class Indexes {

    static final String MIGRATION = "db/migration/V10__performance_indexes.sql";
    private static final Pattern CREATE = Pattern.compile("CREATE\\s+INDEX\\s+(\\w+)\\s+ON\\s+(\\w+)\\s*\\(([^;]*)\\);",
            Pattern.CASE_INSENSITIVE);

    private Indexes() {
    }

    /** Index name, table and columns of every index the migration creates. */
    public static List<String[]> created() {
        try (InputStream in = Indexes.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            if (in == null) {
                return List.of();
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> indexes = new ArrayList<>();
            Matcher m = CREATE.matcher(sql);
            while (m.find()) {
                indexes.add(new String[] {m.group(1), m.group(2), m.group(3).replaceAll("\\s+", " ")});
            }
            return indexes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the migration's indexes a Camunda-defaults run dropped from this database before. */
    public static void createMissing(App app) {
        for (String[] index : created()) {
            try (java.sql.Connection c = app.connect();
                 java.sql.ResultSet rs = c.getMetaData().getIndexInfo(null, null, index[1], false, false)) {
                boolean present = false;
                while (rs.next()) {
                    present |= index[0].equalsIgnoreCase(rs.getString("INDEX_NAME"));
                }
                if (!present) {
                    app.sql("CREATE INDEX " + index[0] + " ON " + index[1] + " (" + index[2] + ")");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static void drop(App app) {
        for (String[] index : created()) {
            app.sql("DROP INDEX " + index[0] + " ON " + index[1]);
        }
        // the indexes on the engine's tables (system.EngineIndexes), where a tuned run made them
        try (java.sql.Connection c = app.connect(); java.sql.Statement s = c.createStatement()) {
            for (EngineIndexes.EngineIndex index : EngineIndexes.INDEXES) {
                s.execute("DROP INDEX IF EXISTS " + index.name() + " ON " + index.table());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
