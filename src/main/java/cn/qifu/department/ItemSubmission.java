package cn.qifu.department;

import java.util.List;

/**
 * One service item (办事事项) handed to a department's system, the JSON body of {@code POST {baseUrl}/items}.
 *
 * @param idempotencyKey  required, 1 to 200 visible ASCII characters (it is also sent as the {@code Idempotency-Key}
 *                        header). The same key again means the same
 *                        item: the department answers with the item it already has and creates no second one.
 *                        Derive it from what identifies the step (e.g. application number + item code), never from
 *                        the time or a random number, so that a retry sends the same key
 * @param itemCode        the department's code of the service item
 * @param itemName        its Chinese name, e.g. 公司设立登记
 * @param applicationNo   the application (申报) number in qifu
 * @param creditCode      the enterprise's unified social credit code (统一社会信用代码)
 * @param enterpriseName  the enterprise's name
 * @param materials       the materials handed over (names or document references)
 */
public record ItemSubmission(String idempotencyKey, String itemCode, String itemName, String applicationNo,
                             String creditCode, String enterpriseName, List<String> materials) {

    public ItemSubmission {
        materials = materials == null ? List.of() : List.copyOf(materials);
    }
}
