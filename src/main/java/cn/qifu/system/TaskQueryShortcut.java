package cn.qifu.system;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * Whether a task query looks a task up by what names it in a problem (its id, its process instance or the problem's
 * number as business key, its task key) and asks nothing else: then {@code camunda/task-query.xml} answers it with a
 * statement of those few conditions instead of Camunda's, which tests each of about 150 criteria of the query in OGNL
 * to build every statement: two thirds of the task query's CPU, 7 % of the application's in the loop. The Tasklist user's
 * step (which task of this problem is mine to do) and the REST API's {@code /task?processInstanceBusinessKey=…
 * &taskDefinitionKey=…} are such look-ups; the authorization and tenant checks are the copy's own, unchanged.
 *
 * <p>"Asks nothing else" is checked against a query that was never given a criterion: every field of the query but the
 * four and the engine's own state ({@link #NOT_CRITERIA}) must hold what it holds there. A criterion a later Camunda adds
 * is a field like the others, so a query using it is read by the whole statement.
 */
public final class TaskQueryShortcut {

    /** The criteria the short statement asks. */
    static final Set<String> LOOK_UP = Set.of("taskId", "processInstanceId", "processInstanceBusinessKey", "key");

    /**
     * Fields that are no criterion: the engine's state while it runs a query (checks, paging, ordering, which is asked
     * below), and what only shapes the tasks after they are read (form keys, comment and attachment flags).
     */
    static final Set<String> NOT_CRITERIA = Set.of("commandExecutor", "resultType", "validators",
            "maxResultsLimitEnabled", "authCheck", "tenantCheck", "orderingProperties", "maxResults", "firstResult",
            "databaseType", "cachedCandidateGroups", "cachedUserGroups", "queries", "initializeFormKeys",
            "withCommentAttachmentInfo");

    private static final Field[] CRITERIA;
    private static final Object[] UNSET;
    private static final Field QUERIES;

    static {
        List<Field> criteria = new ArrayList<>();
        Field queries = null;
        for (Class<?> type = TaskQueryImpl.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                if (field.getName().equals("queries")) {
                    queries = field;
                }
                if (!LOOK_UP.contains(field.getName()) && !NOT_CRITERIA.contains(field.getName())) {
                    criteria.add(field);
                }
            }
        }
        CRITERIA = criteria.toArray(Field[]::new);
        QUERIES = Objects.requireNonNull(queries, "TaskQueryImpl.queries");
        TaskQueryImpl unset = new TaskQueryImpl();
        UNSET = new Object[CRITERIA.length];
        for (int i = 0; i < CRITERIA.length; i++) {
            UNSET[i] = read(CRITERIA[i], unset);
        }
    }

    private TaskQueryShortcut() {
    }

    /**
     * Called from the list statement: true when {@code query} is such a look-up (no other criterion, no {@code or()}
     * query, ordered by the task's own columns or not at all).
     */
    public static boolean applies(Object query) {
        if (query == null || query.getClass() != TaskQueryImpl.class) {
            return false;
        }
        TaskQueryImpl task = (TaskQueryImpl) query;
        List<?> queries = (List<?>) read(QUERIES, task);
        if (queries == null || queries.size() != 1 || queries.get(0) != task) {
            return false;
        }
        for (QueryOrderingProperty ordering : task.getOrderingProperties()) {
            // by a variable (a join of its own) or by a function of a column (a column of its own): the whole statement
            if (ordering.getRelation() != null || ordering.getQueryProperty().getFunction() != null) {
                return false;
            }
        }
        for (int i = 0; i < CRITERIA.length; i++) {
            if (!Objects.deepEquals(read(CRITERIA[i], task), UNSET[i])) {
                return false;
            }
        }
        return true;
    }

    /** The names of the fields compared with an unset query: for the test that every criterion is among them. */
    static List<String> criteria() {
        return Arrays.stream(CRITERIA).map(Field::getName).toList();
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field + " cannot be read", e);
        }
    }
}
