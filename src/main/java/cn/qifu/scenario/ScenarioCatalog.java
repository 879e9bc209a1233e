package cn.qifu.scenario;

import cn.qifu.catalog.CatalogService;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The 一类事 catalogue, read once from {@code catalog/scenarios.yml} and checked: every department it names is in the
 * department catalogue, every dependency is an item of the same scenario, and there is no cycle.
 */
@Component
public class ScenarioCatalog {

    static final String FILE = "catalog/scenarios.yml";

    private record ScenariosFile(List<Scenario> scenarios) {
    }

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

    @Autowired
    public ScenarioCatalog(CatalogService catalog) {
        this(read(), catalog.departmentCodesInFiles());
    }

    ScenarioCatalog(List<Scenario> scenarios, Set<String> departments) {
        for (Scenario scenario : scenarios) {
            check(scenario, departments);
            if (this.scenarios.put(scenario.code(), scenario) != null) {
                throw new IllegalStateException(FILE + ": 一类事编码重复 " + scenario.code());
            }
        }
    }

    static List<Scenario> read() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            return yaml.readValue(in, ScenariosFile.class).scenarios();
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + " 无法读取", e);
        }
    }

    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    public Optional<Scenario> find(String code) {
        return Optional.ofNullable(code == null ? null : scenarios.get(code));
    }

    /**
     * The basic items in the order their dependencies allow: each layer only depends on earlier layers, and the items
     * of one layer run in parallel (for 企业开办: registration, then seal, invoices, insurances and fund together).
     */
    public static List<List<Scenario.BasicItem>> layers(Scenario scenario) {
        List<List<Scenario.BasicItem>> layers = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<Scenario.BasicItem> left = new ArrayList<>(scenario.basicItems());
        while (!left.isEmpty()) {
            List<Scenario.BasicItem> layer = left.stream().filter(i -> done.containsAll(deps(i))).toList();
            if (layer.isEmpty()) {
                throw new IllegalStateException(FILE + ": " + scenario.code() + " 的事项依赖有循环："
                        + left.stream().map(Scenario.BasicItem::code).collect(Collectors.joining(", ")));
            }
            layers.add(layer);
            layer.forEach(i -> done.add(i.code()));
            left.removeAll(layer);
        }
        return layers;
    }

    private static List<String> deps(Scenario.BasicItem item) {
        return item.dependsOn() == null ? List.of() : item.dependsOn();
    }

    private static void check(Scenario s, Set<String> departments) {
        List<String> faults = new ArrayList<>();
        if (s.basicItems() == null || s.basicItems().isEmpty()) {
            faults.add("没有基本服务事项");
        } else {
            Set<String> codes = s.basicItems().stream().map(Scenario.BasicItem::code).collect(Collectors.toSet());
            for (Scenario.BasicItem item : s.basicItems()) {
                if (!departments.contains(item.department())) {
                    faults.add(item.code() + " 的办理部门 " + item.department() + " 不在部门目录中");
                }
                deps(item).stream().filter(d -> !codes.contains(d))
                        .forEach(d -> faults.add(item.code() + " 依赖的事项 " + d + " 不存在"));
            }
            layers(s);
        }
        if (!departments.contains(s.leadDepartment())) {
            faults.add("牵头部门 " + s.leadDepartment() + " 不在部门目录中");
        }
        for (Scenario.ValueAddedItem item : s.valueAddedItems() == null ? List.<Scenario.ValueAddedItem>of() : s.valueAddedItems()) {
            if (!departments.contains(item.provider())) {
                faults.add("增值服务 " + item.code() + " 的提供方 " + item.provider() + " 不在部门目录中");
            }
        }
        if (!faults.isEmpty()) {
            throw new IllegalStateException(FILE + ": 一类事 " + s.code() + "：" + String.join("；", faults));
        }
    }
}
