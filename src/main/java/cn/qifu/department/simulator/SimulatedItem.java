package cn.qifu.department.simulator;

import java.time.Instant;
import java.util.List;

/**
 * An item as the simulator holds it, as {@code GET /simulator/departments/{code}/items} lists it.
 *
 * @param submissions how many POSTs arrived with this idempotency key (1 = no repeat)
 * @param authorized  whether every one of them carried an {@code Authorization} header
 * @param user        the user name of their HTTP Basic credentials (the last one sent), null without
 * @param queries     how many GETs asked for it
 */
public record SimulatedItem(String idempotencyKey, String reference, String status, String result, int submissions,
                            boolean authorized, String user, int queries, String itemCode, String itemName,
                            String applicationNo, String creditCode, String enterpriseName, List<String> materials,
                            Instant receivedAt) {
}
