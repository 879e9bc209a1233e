package cn.qifu.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a run: per figure the values of every repeat in each configuration (tuned, Camunda defaults) and of
 * the alternatives (Flowable 7, bare Camunda), the physical limit and the goal. Printed as a Markdown table and written
 * to results.md, results.csv and results.json.
 */
public final class Report {

    public static final String TUNED = "tuned";
    public static final String DEFAULTS = "defaults";
    public static final String FLOWABLE = "flowable";
    public static final String BARE = "bare";

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /** One row of the table. */
    public static final class Figure {
        public final String section;
        public final String name;
        public final String unit;
        public final boolean higherIsBetter;
        public final Map<String, List<Double>> values = new LinkedHashMap<>();
        public Double limit;
        public String goalOperator;
        public Double goalValue;
        public String note;

        Figure(String section, String name, String unit, boolean higherIsBetter) {
            this.section = section;
            this.name = name;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        public Figure add(String column, double value) {
            values.computeIfAbsent(column, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Figure goal(String operator, double value) {
            this.goalOperator = operator;
            this.goalValue = value;
            return this;
        }

        public Figure limit(double value) {
            this.limit = value;
            return this;
        }

        public Figure note(String text) {
            this.note = text;
            return this;
        }

        public double median(String column) {
            return Stats.median(values.getOrDefault(column, List.of()));
        }

        /** How many times better the tuned figure is than the other column's (above 1: better). */
        public double advantageOver(String column) {
            double tuned = median(TUNED);
            double other = median(column);
            if (Double.isNaN(tuned) || Double.isNaN(other) || tuned == 0 || other == 0) {
                return Double.NaN;
            }
            return higherIsBetter ? tuned / other : other / tuned;
        }

        public Boolean met() {
            double tuned = median(TUNED);
            if (goalOperator == null || Double.isNaN(tuned)) {
                return null;
            }
            return switch (goalOperator) {
                case ">=" -> tuned >= goalValue;
                case "<=" -> tuned <= goalValue;
                case "<" -> tuned < goalValue;
                case ">" -> tuned > goalValue;
                default -> null;
            };
        }
    }

    public synchronized Figure figure(String section, String name, String unit, boolean higherIsBetter) {
        for (Figure f : figures) {
            if (f.section.equals(section) && f.name.equals(name)) {
                return f;
            }
        }
        Figure f = new Figure(section, name, unit, higherIsBetter);
        figures.add(f);
        return f;
    }

    public synchronized void note(String text) {
        notes.add(text);
        System.out.println("[bench] " + text);
    }

    public synchronized void fact(String key, Object value) {
        facts.put(key, value);
    }

    public List<Figure> figures() {
        return figures;
    }

    // ---- output ------------------------------------------------------------------------------------------------

    public String markdown(BenchConfig config, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# qifu benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "Run: sections %s, scale %s, %d repeat(s), %.1f min; %s%n%n",
                config.sections(), fmt(config.scale()), config.repeats(), seconds / 60, facts.getOrDefault("machine", "")));
        md.append("Median over the repeats, spread min–max. **× vs defaults**: how many times better the tuned figure is "
                + "than with Camunda's (Spring Boot's, Hikari's) defaults (above 1 = better; for times defaults/tuned, for "
                + "rates tuned/defaults). **× vs Flowable**, **× vs bare**: the same against Flowable 7 and bare Camunda 7.24 "
                + "running the same loop-shaped BPMN on the same database. **% of limit**: the figure as a share of the "
                + "database's measured commit rate for the same statements per step.\n\n");
        String section = null;
        List<Figure> ordered = new ArrayList<>();
        for (Figure f : figures) {
            if (ordered.stream().noneMatch(o -> o.section.equals(f.section))) {
                figures.stream().filter(g -> g.section.equals(f.section)).forEach(ordered::add);
            }
        }
        for (Figure f : ordered) {
            if (!f.section.equals(section)) {
                section = f.section;
                md.append("\n### ").append(section).append("\n\n");
                md.append("| figure | unit | tuned | spread | defaults | × vs defaults | Flowable 7 | × vs Flowable | bare Camunda | × vs bare | limit | % of limit | goal | met |\n");
                md.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
            }
            List<Double> tuned = f.values.getOrDefault(TUNED, List.of());
            double limitShare = f.limit == null ? Double.NaN : f.median(TUNED) / f.limit * 100;
            Boolean met = f.met();
            md.append("| ").append(f.name).append(f.note == null ? "" : " (" + f.note + ")")
                    .append(" | ").append(f.unit)
                    .append(" | ").append(fmt(f.median(TUNED)))
                    .append(" | ").append(tuned.size() > 1 ? fmt(Stats.min(tuned)) + "–" + fmt(Stats.max(tuned)) : "")
                    .append(" | ").append(fmt(f.median(DEFAULTS)))
                    .append(" | ").append(ratio(f.advantageOver(DEFAULTS)))
                    .append(" | ").append(fmt(f.median(FLOWABLE)))
                    .append(" | ").append(ratio(f.advantageOver(FLOWABLE)))
                    .append(" | ").append(fmt(f.median(BARE)))
                    .append(" | ").append(ratio(f.advantageOver(BARE)))
                    .append(" | ").append(f.limit == null ? "" : fmt(f.limit))
                    .append(" | ").append(Double.isNaN(limitShare) ? "" : String.format(Locale.ROOT, "%.0f %%", limitShare))
                    .append(" | ").append(f.goalOperator == null ? "" : f.goalOperator + " " + fmt(f.goalValue))
                    .append(" | ").append(met == null ? "" : met ? "met" : "**missed**")
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String n : notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        return md.toString();
    }

    public String csv() {
        StringBuilder csv = new StringBuilder("section,figure,unit,column,repeat,value\n");
        for (Figure f : figures) {
            for (Map.Entry<String, List<Double>> e : f.values.entrySet()) {
                for (int i = 0; i < e.getValue().size(); i++) {
                    csv.append(quote(f.section)).append(',').append(quote(f.name)).append(',').append(quote(f.unit))
                            .append(',').append(e.getKey()).append(',').append(i + 1).append(',')
                            .append(e.getValue().get(i)).append('\n');
                }
            }
            if (f.limit != null) {
                csv.append(quote(f.section)).append(',').append(quote(f.name)).append(',').append(quote(f.unit))
                        .append(",limit,1,").append(f.limit).append('\n');
            }
        }
        return csv.toString();
    }

    public String json(BenchConfig config, double seconds) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sections", config.sections());
        root.put("scale", config.scale());
        root.put("repeats", config.repeats());
        root.put("seconds", seconds);
        root.put("facts", facts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("section", f.section);
            row.put("figure", f.name);
            row.put("unit", f.unit);
            row.put("higherIsBetter", f.higherIsBetter);
            row.put("values", f.values);
            Map<String, Double> medians = new LinkedHashMap<>();
            for (String column : f.values.keySet()) {
                medians.put(column, nullIfNaN(f.median(column)));
            }
            row.put("median", medians);
            row.put("limit", f.limit);
            row.put("goal", f.goalOperator == null ? null : f.goalOperator + " " + f.goalValue);
            row.put("met", f.met());
            row.put("note", f.note);
            rows.add(row);
        }
        root.put("figures", rows);
        root.put("notes", notes);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    public void write(BenchConfig config, double seconds) throws IOException {
        Files.createDirectories(config.output());
        Path md = config.output().resolve("results.md");
        Files.writeString(md, markdown(config, seconds), StandardCharsets.UTF_8);
        Files.writeString(config.output().resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        Files.writeString(config.output().resolve("results.json"), json(config, seconds), StandardCharsets.UTF_8);
    }

    private static Double nullIfNaN(double d) {
        return Double.isNaN(d) ? null : d;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String fmt(Double d) {
        if (d == null || d.isNaN()) {
            return "";
        }
        double a = Math.abs(d);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
