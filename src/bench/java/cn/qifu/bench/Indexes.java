package cn.qifu.bench;

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

    static final String MIGRATION = "db/migration/V8__performance_indexes.sql";
    private static final Pattern CREATE = Pattern.compile("CREATE\\s+INDEX\\s+(\\w+)\\s+ON\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private Indexes() {
    }

    /** Index name and table of every index the migration creates. */
    public static List<String[]> created() {
        try (InputStream in = Indexes.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            if (in == null) {
                return List.of();
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> indexes = new ArrayList<>();
            Matcher m = CREATE.matcher(sql);
            while (m.find()) {
                indexes.add(new String[] {m.group(1), m.group(2)});
            }
            return indexes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void drop(App app) {
        for (String[] index : created()) {
            app.sql("DROP INDEX " + index[0] + " ON " + index[1]);
        }
    }
}
