package cn.qifu.system;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The DMN tables' FEEL, with the cells that are only a text answered without the FEEL engine (part of
 * {@link PerformanceTuning}).
 *
 * <p>The designers' tables (time limit, routing) are texts compared with a text input: {@code "税费"} in a rule,
 * {@code category} as the input, {@code "tax"} as the output. Camunda's FEEL engine builds its whole library of built-in
 * functions for every cell it evaluates and parses the cell again each time: a tenth of the CPU of a problem's loop in
 * the benchmark's profile, for the 18 rules of the routing table. Here a cell that is one text literal (no escape, no
 * quote inside), compared with an input that is a text, or an input expression that is one name whose value is a
 * text, is answered directly, with FEEL's result. Everything else (numbers, lists, ranges, functions, null inputs,
 * inputs of other types) goes to Camunda's FEEL engine unchanged.
 */
public final class FeelLiteralShortcut implements FeelEngine {

    private static final Pattern TEXT = Pattern.compile("\\s*\"([^\"\\\\]*)\"\\s*");
    private static final Pattern NAME = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");
    /** Names that are FEEL literals or operators, not variables. */
    private static final List<String> KEYWORDS = List.of("true", "false", "null", "not", "and", "or", "between",
            "in", "instance", "of", "if", "then", "else", "for", "return", "some", "every", "satisfies", "function");

    private final FeelEngine feel;

    FeelLiteralShortcut(FeelEngine feel) {
        this.feel = feel;
    }

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        Matcher text = TEXT.matcher(expression);
        if (text.matches()) {
            @SuppressWarnings("unchecked")
            T value = (T) text.group(1);
            return value;
        }
        Matcher name = NAME.matcher(expression);
        if (name.matches() && !KEYWORDS.contains(name.group(1)) && variables.containsVariable(name.group(1))) {
            TypedValue value = variables.resolve(name.group(1));
            if (value != null && value.getValue() instanceof String s) {
                @SuppressWarnings("unchecked")
                T result = (T) s;
                return result;
            }
        }
        return feel.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        Matcher text = TEXT.matcher(expression);
        if (text.matches() && variables.containsVariable(inputVariable)) {
            TypedValue input = variables.resolve(inputVariable);
            if (input != null && input.getValue() instanceof String s) {
                return s.equals(text.group(1));
            }
        }
        return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }

    /** Camunda's FEEL engine (with the configuration's custom functions) behind the shortcut. */
    static void install(DefaultDmnEngineConfiguration dmn) {
        dmn.setFeelEngineFactory(new Factory(dmn));
    }

    private record Factory(DefaultDmnEngineConfiguration dmn) implements FeelEngineFactory {
        @Override
        public FeelEngine createInstance() {
            List<FeelCustomFunctionProvider> functions = dmn.getFeelCustomFunctionProviders();
            return new FeelLiteralShortcut(new ScalaFeelEngineFactory(functions).createInstance());
        }
    }
}
