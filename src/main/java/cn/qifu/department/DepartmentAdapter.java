package cn.qifu.department;

/**
 * The one way the scenario processes reach a department's own system (市场监管局、税务局、公安局、人社局 …). It is
 * implemented once ({@link HttpDepartmentAdapter}, JSON over HTTP) and configured per department under
 * {@code qifu.departments} ({@link DepartmentProperties}): a new department is configuration, not code.
 *
 * <p>Both calls throw {@link DepartmentUnavailableException} when the department's system cannot be reached, refuses
 * the request or answers something that is not the contract; called from a service task, the engine's job retries
 * then try again later. Submissions are idempotent per {@link ItemSubmission#idempotencyKey()}, so a retry after a
 * timeout never creates a second item at the department.
 */
public interface DepartmentAdapter {

    /** Submits one service item to the department's system. Same idempotencyKey again = same item, never a second one. */
    ItemReceipt submit(String departmentCode, ItemSubmission submission);

    /** Asks the department's system for the current state of an item it accepted earlier. */
    ItemReceipt query(String departmentCode, String reference);
}
