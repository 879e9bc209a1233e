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
    /** The materials are stored as one text of at most this many characters. */
    static final int MAX_MATERIALS_TEXT = 4000;

    /** Every field at fault, against the scenario applied for. */
    List<FieldProblem> problems(Scenario scenario) {
        List<FieldProblem> problems = new ArrayList<>(ProblemSubmission.enterpriseProblems(creditCode, enterpriseName,
                contactName, contactPhone, channel));
        duplicates(problems, "valueAddedItems", valueAddedItems);
        duplicates(problems, "basicItems", basicItems);
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
                || list(providedMaterials).stream().anyMatch(ApplicationRequest::isBadMaterialName)) {
            problems.add(new FieldProblem("providedMaterials", "INVALID_VALUE",
                    "材料名称不能为空、不超过200个字、不含换行，最多" + MAX_MATERIALS + "项"));
        } else if (String.join("\n", list(providedMaterials)).length() > MAX_MATERIALS_TEXT) {
            problems.add(new FieldProblem("providedMaterials", "TOO_LONG", "材料清单合计不能超过" + MAX_MATERIALS_TEXT + "个字"));
        }
        return problems;
    }

    /** A material's name is one line (they are stored one per line) of at most 200 characters. */
    static boolean isBadMaterialName(String name) {
        return name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(c -> c < 0x20);
    }

    /** Each item once: an item chosen twice would be registered twice. */
    private static void duplicates(List<FieldProblem> problems, String field, List<String> codes) {
        List<String> seen = new ArrayList<>();
        for (String code : list(codes)) {
            if (seen.contains(code)) {
                problems.add(new FieldProblem(field, "DUPLICATE", "编码 " + code + " 重复"));
                return;
            }
            seen.add(code);
        }
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
