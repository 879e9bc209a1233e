package cn.qifu.department;

import java.util.Set;

/**
 * What a department's system answers about an item: its reference there (受理号), the status and a sentence for
 * people (the result, in Chinese).
 *
 * @param status {@code ACCEPTED} (受理, still in hand: ask again later with {@link DepartmentAdapter#query}),
 *               {@code DONE} (办结) or {@code REJECTED} (不予受理/不予办理; {@code result} says why)
 */
public record ItemReceipt(String reference, String status, String result) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String DONE = "DONE";
    public static final String REJECTED = "REJECTED";
    /** Every status of the contract; anything else from a department is nonsense. */
    public static final Set<String> STATUSES = Set.of(ACCEPTED, DONE, REJECTED);

    public boolean done() {
        return DONE.equals(status);
    }

    public boolean rejected() {
        return REJECTED.equals(status);
    }

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }
}
