package cn.qifu.scenario;

import cn.qifu.problem.ProblemSubmission;
import cn.qifu.system.ApiError.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise's application for a 一类事, from a channel or the front desk: who it is, which value-added items it
 * wants, which materials it brought, and (optionally) which basic items apply to it (all by default).
 */
public record ApplicationRequest(String creditCode, String enterpriseName, String contactName, String contactPhone,
                                 String channel, List<String> valueAddedItems, List<String> providedMaterials,
                                 List<String> basicItems) {

    static final int MAX_MATERIALS = 50;

    /** Every field at fault, against the scenario applied for. */
    List<FieldProblem> problems(Scenario scenario) {
        List<FieldProblem> problems = new ArrayList<>(ProblemSubmission.enterpriseProblems(creditCode, enterpriseName,
                contactName, contactPhone, channel));
        for (String code : list(valueAddedItems)) {
            if (scenario.valueAddedItems().stream().noneMatch(v -> v.code().equals(code))) {
                problems.add(new FieldProblem("valueAddedItems", "UNKNOWN_VALUE",
                        "「" + scenario.name() + "」没有编码为 " + code + " 的增值服务"));
            }
        }
        for (String code : list(basicItems)) {
            if (scenario.basicItems().stream().noneMatch(b -> b.code().equals(code))) {
                problems.add(new FieldProblem("basicItems", "UNKNOWN_VALUE",
                        "「" + scenario.name() + "」没有编码为 " + code + " 的基本服务事项"));
            }
        }
        if (list(providedMaterials).size() > MAX_MATERIALS
                || list(providedMaterials).stream().anyMatch(m -> m == null || m.isBlank() || m.length() > 200)) {
            problems.add(new FieldProblem("providedMaterials", "INVALID_VALUE",
                    "材料名称不能为空、不超过200个字，最多" + MAX_MATERIALS + "项"));
        }
        return problems;
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
