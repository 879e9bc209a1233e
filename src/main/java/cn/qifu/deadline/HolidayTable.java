package cn.qifu.deadline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The holiday notices, one {@link HolidayYear} per year, read from YAML:
 * <pre>
 * years:                     # the whole table (calendar/cn-holidays.yml)
 *   - year: 2025
 *     source: "…（国办发明电〔2024〕12号），2024-11-12 发布"
 *     holidays:
 *       - { name: 春节, from: 2025-01-28, to: 2025-02-04 }
 *     adjustedWorkingDays: [2025-01-26, 2025-02-08]
 * </pre>
 * or a single year ({@code year:}, {@code source:}, … at the top level) as an administrator uploads it.
 * Every problem with a document is reported as an {@link IllegalArgumentException}.
 */
public final class HolidayTable {

    public static final String DEFAULT_RESOURCE = "calendar/cn-holidays.yml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            // a misspelt key must not silently drop, say, every adjusted working day
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final SortedMap<Integer, HolidayYear> years;

    public HolidayTable(Collection<HolidayYear> years) {
        SortedMap<Integer, HolidayYear> map = new TreeMap<>();
        for (HolidayYear y : years) {
            if (map.putIfAbsent(y.year(), y) != null) {
                throw new IllegalArgumentException(y.year() + " 年出现了两次 / year " + y.year() + " appears twice");
            }
        }
        this.years = Collections.unmodifiableSortedMap(map);
    }

    public static HolidayTable of(HolidayYear... years) {
        return new HolidayTable(Arrays.asList(years));
    }

    public static HolidayTable fromClasspath(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(HolidayTable.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("找不到节假日表 / holiday table not found on the classpath: " + resource);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("读取节假日表失败 / cannot read " + resource, e);
        }
    }

    /** Reads a whole table ({@code years:}) or a single year ({@code year:}); does not close the stream. */
    public static HolidayTable parse(InputStream in) {
        try {
            JsonNode root = YAML.readTree(in);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("节假日表为空或不是映射 / holiday document is empty or not a mapping");
            }
            if (root.has("years")) {
                JsonNode list = root.get("years");
                if (!list.isArray()) {
                    throw new IllegalArgumentException("years 必须是列表 / 'years' must be a list");
                }
                List<HolidayYear> years = new ArrayList<>();
                for (JsonNode node : list) {
                    years.add(YAML.treeToValue(node, HolidayYear.class));
                }
                return new HolidayTable(years);
            }
            if (root.has("year")) {
                return of(YAML.treeToValue(root, HolidayYear.class));
            }
            throw new IllegalArgumentException("节假日表须以 years: 或 year: 开头 / holiday document needs 'years:' or 'year:' at the top level");
        } catch (JacksonException e) {
            // the record constructors' own messages (which name the offending date) are the useful ones
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw new IllegalArgumentException(iae.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("节假日表格式错误 / malformed holiday document: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("读取节假日表失败 / cannot read the holiday document", e);
        }
    }

    /** The years, in ascending order. */
    public List<HolidayYear> years() {
        return List.copyOf(years.values());
    }

    public Optional<HolidayYear> year(int year) {
        return Optional.ofNullable(years.get(year));
    }
}
