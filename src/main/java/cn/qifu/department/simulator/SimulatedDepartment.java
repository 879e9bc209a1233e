package cn.qifu.department.simulator;

import cn.qifu.department.ItemReceipt;
import cn.qifu.department.ItemSubmission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One simulated department system: its items and its behaviour. Every method is synchronized on the instance. */
final class SimulatedDepartment {

    /** What to do with an item request before handling it. */
    enum Gate { FAIL, DOWN, GARBAGE, SLOW, PROCEED }

    private final String code;
    private final Map<String, Item> byReference = new HashMap<>();
    private final Map<String, Item> byKey = new HashMap<>();
    private Behaviour behaviour = Behaviour.NORMAL;
    private int sequence;

    SimulatedDepartment(String code) {
        this.code = code;
    }

    synchronized Behaviour behaviour() {
        return behaviour;
    }

    synchronized void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Decides the fate of the next item request; counts down failNext. */
    synchronized Gate admit() {
        if (behaviour.failNext() > 0) {
            behaviour = behaviour.withFailNext(behaviour.failNext() - 1);
            return Gate.FAIL;
        }
        return switch (behaviour.mode()) {
            case DOWN -> Gate.DOWN;
            case GARBAGE -> Gate.GARBAGE;
            case SLOW -> Gate.SLOW;
            case NORMAL -> Gate.PROCEED;
        };
    }

    /** The item of that key, new if the key is new; {@code created} says which. */
    synchronized Submitted submit(String key, ItemSubmission submission, String authorization, String user,
                                  String departmentName) {
        Item item = byKey.get(key);
        if (item != null) {
            item.submissions++;
            item.authorized &= authorization != null;
            if (user != null) {
                item.user = user;
            }
            return new Submitted(item.receipt(), false);
        }
        String reference = code.toUpperCase(Locale.ROOT) + "-" + String.format("%06d", ++sequence);
        String name = submission.itemName() != null && !submission.itemName().isBlank() ? submission.itemName()
                : submission.itemCode();
        item = new Item(key, reference, submission, departmentName, name);
        item.authorized = authorization != null;
        item.user = user;
        if (behaviour.rejectNext() > 0) {
            behaviour = behaviour.withRejectNext(behaviour.rejectNext() - 1);
            item.status = ItemReceipt.REJECTED;
            item.result = departmentName + "不予受理：" + name + "（受理号 " + reference + "），申请材料不全";
        } else if (behaviour.pendingQueries() > 0) {
            item.pendingQueries = behaviour.pendingQueries();
            item.status = ItemReceipt.ACCEPTED;
            item.result = departmentName + "已受理：" + name + "（受理号 " + reference + "），正在办理";
        } else {
            item.finish();
        }
        byKey.put(key, item);
        byReference.put(reference, item);
        return new Submitted(item.receipt(), true);
    }

    /** The item's state now; every GET of an ACCEPTED item counts down its pending queries, then it is DONE. */
    synchronized Optional<ItemReceipt> query(String reference) {
        Item item = byReference.get(reference);
        if (item == null) {
            return Optional.empty();
        }
        item.queries++;
        if (ItemReceipt.ACCEPTED.equals(item.status)) {
            if (item.pendingQueries > 0) {
                item.pendingQueries--;
            } else {
                item.finish();
            }
        }
        return Optional.of(item.receipt());
    }

    synchronized List<SimulatedItem> items() {
        List<SimulatedItem> items = new ArrayList<>();
        for (Item item : byReference.values()) {
            items.add(new SimulatedItem(item.key, item.reference, item.status, item.result, item.submissions,
                    item.authorized, item.user, item.queries, item.submission.itemCode(), item.submission.itemName(),
                    item.submission.applicationNo(), item.submission.creditCode(), item.submission.enterpriseName(),
                    item.submission.materials(), item.receivedAt));
        }
        items.sort(Comparator.comparing(SimulatedItem::reference));
        return items;
    }

    record Submitted(ItemReceipt receipt, boolean created) {
    }

    private static final class Item {
        final String key;
        final String reference;
        final ItemSubmission submission;
        final String departmentName;
        final String name;
        final Instant receivedAt = Instant.now();
        String status;
        String result;
        int submissions = 1;
        boolean authorized;
        String user;
        int pendingQueries;
        int queries;

        Item(String key, String reference, ItemSubmission submission, String departmentName, String name) {
            this.key = key;
            this.reference = reference;
            this.submission = submission;
            this.departmentName = departmentName;
            this.name = name;
        }

        void finish() {
            status = ItemReceipt.DONE;
            result = departmentName + "已办结：" + name + "（受理号 " + reference + "）";
        }

        ItemReceipt receipt() {
            return new ItemReceipt(reference, status, result);
        }
    }
}
