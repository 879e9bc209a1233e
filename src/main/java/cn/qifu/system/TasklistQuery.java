package cn.qifu.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Camunda's task query (Tasklist's lists and counts, the REST API's {@code /task}, filters) with the authorization check
 * asked per task instead of joined ({@code camunda/task-query.xml}, a copy of Camunda 7.24.0's statements with that one
 * change; the file says why). Installed into the engine's MyBatis configuration after the engine's own mappings, and
 * put in place of Camunda's two statements through the engine's statement mappings, which exist for exactly this:
 * database-specific variants of a statement. Every other statement is Camunda's. A task looked up by its problem's
 * process instance or number and its task key is read by a statement of those few conditions ({@link TaskQueryShortcut}).
 *
 * <p>A list ordered by the task's own columns chooses its page from the ids first ({@link #pageColumns}); written for
 * the databases whose page is {@code LIMIT … OFFSET …} after the ORDER BY, those this application runs on.
 */
public final class TasklistQuery {

    static final String RESOURCE = "camunda/task-query.xml";
    static final String NAMESPACE = "cn.qifu.system.TasklistQuery";
    static final Map<String, String> STATEMENTS = Map.of(
            "selectTaskByQueryCriteria", NAMESPACE + ".selectTaskByQueryCriteria_qifu",
            "selectTaskCountByQueryCriteria", NAMESPACE + ".selectTaskCountByQueryCriteria_qifu");
    /** The list statement that answers a task looked up by what names it in a problem in few conditions. */
    static final String LIST_OR_LOOK_UP = NAMESPACE + ".selectTaskByQueryCriteriaOrLookUp_qifu";

    /** The database types whose statements the copy is written for. */
    static final Set<String> DATABASES = Set.of("mysql", "mariadb", "h2");

    private TasklistQuery() {
    }

    /**
     * The columns the page of a list is chosen by, besides the id: the ordering's columns when every one is a column of
     * the task itself; {@code null} (the list is read as Camunda reads it) when it is ordered by a variable, by another
     * table's column or by a function of a column. Called from the list statement.
     */
    public static List<String> pageColumns(List<QueryOrderingProperty> ordering) {
        List<String> columns = new ArrayList<>();
        for (QueryOrderingProperty property : ordering) {
            if (!property.isContainedProperty() || property.getQueryProperty().getFunction() != null) {
                return null;
            }
            String column = property.getQueryProperty().getName();
            if (!column.equals("ID_") && !columns.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** {@code lookUps}: a look-up of a task by what names it in a problem is answered by {@link TaskQueryShortcut}'s statement. */
    static void install(ProcessEngineConfigurationImpl engine, boolean lookUps) {
        if (DATABASES.contains(engine.getDatabaseType())) {
            Map<String, String> statements = new HashMap<>(STATEMENTS);
            if (lookUps) {
                statements.put("selectTaskByQueryCriteria", LIST_OR_LOOK_UP);
            }
            EngineStatements.install(engine, RESOURCE, statements);
        }
    }
}
