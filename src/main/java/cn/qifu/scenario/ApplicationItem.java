package cn.qifu.scenario;

import java.time.Instant;

/**
 * An item of an application: a basic item (BASIC) handled by a department through its adapter, or a value-added
 * item (VALUE_ADDED) its provider delivers. Status PENDING → SUBMITTED → DONE, or MANUAL when a clerk completed it
 * by hand, or SKIPPED when it does not apply to this application.
 */
public record ApplicationItem(Long applicationId, String itemCode, String kind, String name, String departmentCode,
                              String status, String reference, String result, Instant dueAt, Instant startedAt,
                              Instant doneAt, String handledBy) {
}
