package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.ognl.MapPropertyAccessor;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remembered getters answer every expression as OGNL does on its own: values, nulls, missing properties and
 * failing getters, for plain classes, records, maps and Camunda's task query.
 */
class OgnlGettersTest {

    public static class Sample {
        public int count = 7;
        private final String name;

        public Sample(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        /** As Camunda's queries have it: the property is asked as {@code isActive}, and no getIsActive exists. */
        public boolean isActive() {
            return name != null;
        }

        public Boolean getFlag() {
            return name == null ? null : name.length() > 3;
        }

        public String getBroken() {
            throw new IllegalStateException("broken getter");
        }
    }

    public record Point(int x, String label) {
    }

    static final List<String> EXPRESSIONS = List.of("name", "name != null", "isActive", "active", "flag", "count",
            "count > 5", "x", "label", "label == null", "nothing", "name.length() > 2", "broken");

    @AfterEach
    void onAsTheApplicationRunsIt() {
        OgnlGetters.install(true);
    }

    @Test
    void everyExpressionIsAnsweredAsOgnlAnswersIt() throws Exception {
        OgnlGetters.install(true);
        TaskQueryImpl query = new TaskQueryImpl();
        query.taskDefinitionKey("signFor").processInstanceBusinessKey("QF-1");
        List<Object> roots = List.of(new Sample("abcd"), new Sample(null), new Point(3, null), new Point(4, "p"),
                new LinkedHashMap<>(Map.of("name", "m", "x", 1)), query);
        List<String> taskExpressions = List.of("isOrQueryActive", "isWithoutTenantId", "key", "taskDefinitionKey",
                "processInstanceBusinessKey", "candidateUser == null", "processInstanceBusinessKeys == null",
                "orderingProperties.size", "queries.size");

        OgnlGetters.install(false);
        List<String> asItComes = answers(roots, taskExpressions);
        OgnlGetters.install(true);
        List<String> remembered = answers(roots, taskExpressions);
        List<String> rememberedAgain = answers(roots, taskExpressions);

        // this test's own classes were never read before the accessor was in place (OGNL keeps a class's accessor)
        assertThat(OgnlRuntime.getPropertyAccessor(Sample.class)).isInstanceOf(OgnlGetters.class);
        assertThat(OgnlRuntime.getPropertyAccessor(Point.class)).isInstanceOf(OgnlGetters.class);
        assertThat(OgnlRuntime.getPropertyAccessor(LinkedHashMap.class)).isInstanceOf(MapPropertyAccessor.class);
        assertThat(remembered).isEqualTo(asItComes).isEqualTo(rememberedAgain);
        assertThat(asItComes).contains("Sample.isActive = true", "TaskQueryImpl.isOrQueryActive = false",
                "TaskQueryImpl.key = signFor", "TaskQueryImpl.processInstanceBusinessKey = QF-1", "Point.x = 3", "Sample.count = 7")
                .anyMatch(answer -> answer.startsWith("Sample.broken = failed:"))
                .anyMatch(answer -> answer.startsWith("Sample.nothing = failed:"));
    }

    @Test
    void aPropertyWithoutAGetterIsFoundOnceAndAFieldIsLeftToOgnl() {
        assertThat(OgnlGetters.find(TaskQueryImpl.class, "isOrQueryActive")).get()
                .extracting(method -> method.getName()).isEqualTo("isOrQueryActive");
        assertThat(OgnlGetters.find(Sample.class, "isActive")).get()
                .extracting(method -> method.getName()).isEqualTo("isActive");
        assertThat(OgnlGetters.find(Sample.class, "count")).isEmpty();
        assertThat(OgnlGetters.find(Sample.class, "nothing")).isEmpty();
    }

    private static List<String> answers(List<Object> roots, List<String> taskExpressions) {
        List<String> answers = new ArrayList<>();
        for (Object root : roots) {
            for (String expression : root instanceof TaskQueryImpl ? taskExpressions : EXPRESSIONS) {
                String answer;
                try {
                    answer = String.valueOf(OgnlCache.getValue(expression, root));
                } catch (RuntimeException e) {
                    answer = "failed: " + e.getClass().getSimpleName() + " " + rootCause(e).getMessage();
                }
                answers.add(root.getClass().getSimpleName() + "." + expression + " = " + answer);
            }
        }
        return answers;
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }
}
