package cn.qifu.scenario;

import java.util.List;

/**
 * A 一类事 as the catalogue (catalog/scenarios.yml) describes it: the basic service items the departments handle, in
 * the order their dependencies need, and the value-added items an enterprise may choose.
 */
public record Scenario(String code, String name, String kind, String topic, String board, String leadDepartment,
                       List<String> cooperatingDepartments, int timeLimitDays, Guide guide, List<BasicItem> basicItems,
                       List<ValueAddedItem> valueAddedItems) {

    /** The service guide an enterprise reads: what to bring, how long, who handles. */
    public record Guide(List<String> materials, String howLong, String whoHandles) {
    }

    public record BasicItem(String code, String name, String department, int timeLimitDays, List<String> dependsOn,
                            List<String> materials) {
    }

    public record ValueAddedItem(String code, String name, String provider, String side) {
    }

    /** The process that runs this scenario's basic items: processes/scenarios/&lt;code&gt;.bpmn. */
    public String processKey() {
        return "scenario-" + code;
    }

    public BasicItem basicItem(String itemCode) {
        return basicItems.stream().filter(i -> i.code().equals(itemCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("一类事 " + code + " 没有基本服务事项 " + itemCode));
    }

    public ValueAddedItem valueAddedItem(String itemCode) {
        return valueAddedItems.stream().filter(i -> i.code().equals(itemCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("一类事 " + code + " 没有增值服务 " + itemCode));
    }
}
