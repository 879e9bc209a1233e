package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * The FEEL shortcut answers as Camunda's FEEL engine does: cell by cell for texts, numbers, lists, names and inputs of
 * every type, and decision by decision for every table in {@code processes/} with every text its rules name.
 */
class FeelLiteralShortcutTest {

    final FeelEngine camunda = new ScalaFeelEngineFactory().createInstance();
    final FeelEngine shortcut = new FeelLiteralShortcut(new ScalaFeelEngineFactory().createInstance());

    static final List<Object> INPUTS = Arrays.asList("税费", "tax", "", "x\"y", "TAX", null, 3, 3L, 2.5, true);
    static final List<String> CELLS = List.of("\"税费\"", "\"tax\"", " \"tax\" ", "\"\"", "\"税费\",\"tax\"", "not(\"tax\")",
            "3", "[2..4]", "< 3", "-", "null", "\"a\\\"b\"", "\"tax\" ", "cellInput", "true");
    static final List<String> EXPRESSIONS = List.of("\"tax\"", " \"税费\" ", "\"\"", "category", " category ", "missing",
            "true", "null", "3", "category + \"x\"", "\"a\\\"b\"", "not");

    @Test
    void eachCellAnswersAsCamundasFeel() {
        for (Object input : INPUTS) {
            VariableContext variables = Variables.createVariables().putValue("cellInput", input).asVariableContext();
            for (String cell : CELLS) {
                assertThat(answer(() -> shortcut.evaluateSimpleUnaryTests(cell, "cellInput", variables)))
                        .as("%s against %s", cell, input)
                        .isEqualTo(answer(() -> camunda.evaluateSimpleUnaryTests(cell, "cellInput", variables)));
            }
        }
    }

    @Test
    void eachExpressionAnswersAsCamundasFeel() {
        for (Object input : INPUTS) {
            VariableContext variables = Variables.createVariables().putValue("category", input).asVariableContext();
            for (String expression : EXPRESSIONS) {
                assertThat(answer(() -> shortcut.evaluateSimpleExpression(expression, variables)))
                        .as("%s with category %s", expression, input)
                        .isEqualTo(answer(() -> camunda.evaluateSimpleExpression(expression, variables)));
            }
        }
    }

    @Test
    void everyTableOfTheDesignersDecidesAsWithCamundasFeel() throws IOException {
        DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DefaultDmnEngineConfiguration withShortcut =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        FeelLiteralShortcut.install(withShortcut);
        DmnEngine fast = withShortcut.buildEngine();
        assertThat(withShortcut.getFeelEngine()).isInstanceOf(FeelLiteralShortcut.class);

        List<Path> tables;
        try (Stream<Path> files = Files.walk(Path.of("processes"))) {
            tables = files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList();
        }
        assertThat(tables).isNotEmpty();
        int decided = 0;
        for (Path table : tables) {
            String xml = Files.readString(table);
            Matcher inputs = Pattern.compile("camunda:inputVariable=\"([^\"]+)\"|<inputExpression[^>]*>\\s*<text>([^<]+)</text>")
                    .matcher(xml);
            Set<String> names = new LinkedHashSet<>();
            while (inputs.find()) {
                if (inputs.group(2) != null) {
                    names.add(inputs.group(2).trim());
                }
            }
            Set<Object> values = new LinkedHashSet<>(Arrays.asList("不在表中", null, 1));
            Matcher texts = Pattern.compile("<text>\"([^\"]*)\"</text>").matcher(xml);
            while (texts.find()) {
                values.add(texts.group(1));
            }
            List<DmnDecision> plainDecisions;
            List<DmnDecision> fastDecisions;
            try (InputStream a = Files.newInputStream(table); InputStream b = Files.newInputStream(table)) {
                plainDecisions = plain.parseDecisions(a);
                fastDecisions = fast.parseDecisions(b);
            }
            for (int d = 0; d < plainDecisions.size(); d++) {
                for (String name : names) {
                    for (Object value : values) {
                        Map<String, Object> variables = new java.util.HashMap<>();
                        variables.put(name, value);
                        DmnDecision p = plainDecisions.get(d);
                        DmnDecision f = fastDecisions.get(d);
                        assertThat(answer(() -> fast.evaluateDecisionTable(f, variables).getResultList()))
                                .as("%s: %s = %s", table, name, value)
                                .isEqualTo(answer(() -> plain.evaluateDecisionTable(p, variables).getResultList()));
                        decided++;
                    }
                }
            }
        }
        assertThat(decided).isGreaterThan(20);
    }

    /** The value, or the kind of failure (both engines must fail alike). */
    private static Object answer(java.util.function.Supplier<Object> evaluation) {
        List<Object> result = new ArrayList<>();
        Throwable failure = catchThrowable(() -> result.add(evaluation.get()));
        return failure == null ? result : "failed: " + failure.getClass().getName();
    }
}
