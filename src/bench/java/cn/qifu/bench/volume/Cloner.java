package cn.qifu.bench.volume;

import cn.qifu.problem.CreditCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies real problems in bulk, with SQL (INSERT … SELECT over MariaDB's sequence engine): the ledger rows (problem,
 * departments, timeline) and every row the engine holds for the problem's process instance, runtime and history. A copy
 * is the template with every id of the instance suffixed ({@code <id>~<n in base 36>}), its own problem id, number,
 * enterprise and business key, and its dates moved by whole days; so the engine's queries, Tasklist's and the job
 * executor treat copies as they treat the real ones. Shared rows (definitions, job definitions, deployments) are not
 * copied, only referred to.
 */
public final class Cloner {

    /** The columns that hold an id belonging to one process instance; a copy gets them suffixed. */
    static final Set<String> INSTANCE_IDS = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_", "EXECUTION_ID_",
            "PARENT_ID_", "TASK_ID_", "BYTEARRAY_ID_", "VAR_SCOPE_", "PROCESS_INSTANCE_ID_", "ACT_INST_ID_",
            "PARENT_ACT_INST_ID_", "SUPER_EXEC_", "EXCEPTION_STACK_ID_", "VAR_INST_ID_", "JOB_ID_",
            "JOB_EXCEPTION_STACK_ID_", "OPERATION_ID_", "DEC_INST_ID_", "ROOT_DEC_INST_ID_", "PARENT_TASK_ID_",
            "CALL_PROC_INST_ID_", "ERROR_DETAILS_ID_", "LAST_FAILURE_LOG_ID_", "CAUSE_INCIDENT_ID_",
            "ROOT_CAUSE_INCIDENT_ID_", "SUPER_PROCESS_INSTANCE_ID_");

    /** Runtime tables and the column naming the process instance of a row. */
    static final Map<String, String> RUNTIME = new LinkedHashMap<>();
    /** History tables and the column naming the process instance of a row. */
    static final Map<String, String> HISTORY = new LinkedHashMap<>();

    static {
        RUNTIME.put("ACT_RU_EXECUTION", "PROC_INST_ID_");
        RUNTIME.put("ACT_RU_VARIABLE", "PROC_INST_ID_");
        RUNTIME.put("ACT_RU_JOB", "PROCESS_INSTANCE_ID_");
        RUNTIME.put("ACT_RU_EVENT_SUBSCR", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_PROCINST", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_ACTINST", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_TASKINST", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_VARINST", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_DETAIL", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_OP_LOG", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_IDENTITYLINK", "ROOT_PROC_INST_ID_");
        HISTORY.put("ACT_HI_JOB_LOG", "PROCESS_INSTANCE_ID_");
        HISTORY.put("ACT_HI_DECINST", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_DEC_IN", "ROOT_PROC_INST_ID_");
        HISTORY.put("ACT_HI_DEC_OUT", "ROOT_PROC_INST_ID_");
        HISTORY.put("ACT_HI_INCIDENT", "PROC_INST_ID_");
        HISTORY.put("ACT_HI_COMMENT", "PROC_INST_ID_");
    }

    private final Connection c;
    private final Map<String, List<String>> columns = new LinkedHashMap<>();

    public Cloner(Connection connection) {
        this.c = connection;
    }

    /** A real problem to copy: its ledger id and process instance. */
    public record Template(long problemId, String processInstanceId) {
    }

    /**
     * How the copies differ: {@code prefix} of their numbers (two letters), the first copy's number, how many, whether
     * the engine's runtime rows are copied (open problems) and its history; the day shift, light and enterprise of copy
     * n as SQL expressions over {@code m.n} (the copy's number).
     */
    public record Shape(String prefix, long firstNumber, int copies, boolean runtime, boolean history,
                        String shiftDaysSql, String lightSql, int enterprises) {
    }

    /** Copies the templates, in turn, {@code shape.copies()} times; returns the ledger ids given to the copies. */
    public long[] copy(List<Template> templates, Shape shape) throws SQLException {
        c.setAutoCommit(true);
        // the copies are consistent by construction; row by row checks of the engine's foreign keys (a child execution
        // before its parent within one INSERT … SELECT) would refuse them
        exec("SET SESSION foreign_key_checks = 0");
        exec("SET SESSION unique_checks = 0");
        long firstId = nextProblemId();
        exec("CREATE TABLE IF NOT EXISTS bench_enterprise (k INT PRIMARY KEY, credit_code CHAR(18) NOT NULL) ENGINE=InnoDB");
        ensureEnterprises(shape.enterprises());
        exec("DROP TABLE IF EXISTS bench_tpl");
        exec("CREATE TABLE bench_tpl (k INT PRIMARY KEY, pi VARCHAR(64) NOT NULL, problem_id BIGINT NOT NULL) ENGINE=InnoDB");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_tpl VALUES (?, ?, ?)")) {
            for (int k = 0; k < templates.size(); k++) {
                p.setInt(1, k);
                p.setString(2, templates.get(k).processInstanceId());
                p.setLong(3, templates.get(k).problemId());
                p.addBatch();
            }
            p.executeBatch();
        }
        int chunk = 25_000;
        for (int from = 0; from < shape.copies(); from += chunk) {
            int to = Math.min(shape.copies(), from + chunk) - 1;
            mapChunk(shape, templates.size(), firstId, from, to);
            copyChunk(shape);
        }
        exec("DROP TABLE IF EXISTS bench_map");
        exec("DROP TABLE IF EXISTS bench_tpl");
        exec("SET SESSION foreign_key_checks = 1");
        exec("SET SESSION unique_checks = 1");
        return new long[] {firstId, firstId + shape.copies() - 1};
    }

    private void mapChunk(Shape shape, int templateCount, long firstId, int from, int to) throws SQLException {
        exec("DROP TABLE IF EXISTS bench_map");
        exec("CREATE TABLE bench_map (n INT PRIMARY KEY, tpl_pi VARCHAR(64) NOT NULL, tpl_problem BIGINT NOT NULL,"
                + " suffix VARCHAR(8) NOT NULL, new_problem BIGINT NOT NULL, new_no VARCHAR(20) NOT NULL,"
                + " shift_days INT NOT NULL, light VARCHAR(8) NOT NULL, credit_code CHAR(18) NOT NULL,"
                + " enterprise INT NOT NULL, KEY (tpl_pi)) ENGINE=InnoDB");
        long base = shape.firstNumber();
        exec("INSERT INTO bench_map SELECT s.seq, t.pi, t.problem_id,"
                + " CONCAT('~', LOWER(CONV(" + base + " + s.seq, 10, 36))),"
                + " " + firstId + " + s.seq, CONCAT('" + shape.prefix() + "', LPAD(" + base + " + s.seq, 10, '0')),"
                + " 0, 'GREEN', '', 0"
                + " FROM seq_" + from + "_to_" + to + " s JOIN bench_tpl t ON t.k = s.seq MOD " + templateCount);
        // the day shift, light and enterprise of each copy, from the shape's expressions over m.n
        exec("UPDATE bench_map m JOIN bench_enterprise e ON e.k = ((m.n * 7919) MOD " + shape.enterprises() + ")"
                + " SET m.shift_days = " + shape.shiftDaysSql() + ", m.light = " + shape.lightSql()
                + ", m.credit_code = e.credit_code, m.enterprise = e.k");
    }

    private void copyChunk(Shape shape) throws SQLException {
        copyLedger();
        if (shape.runtime()) {
            copyBytearrays(true, shape.history());
            for (Map.Entry<String, String> t : RUNTIME.entrySet()) {
                copyTable(t.getKey(), "JOIN bench_map m ON s." + t.getValue() + " = m.tpl_pi");
            }
            copyTable("ACT_RU_TASK", "JOIN bench_map m ON s.PROC_INST_ID_ = m.tpl_pi");
            copyTable("ACT_RU_IDENTITYLINK", "JOIN ACT_RU_TASK t ON t.ID_ = s.TASK_ID_ JOIN bench_map m ON t.PROC_INST_ID_ = m.tpl_pi");
            // the grants the engine gave the candidate groups and assignees on each task
            copyTable("ACT_RU_AUTHORIZATION", "JOIN ACT_RU_TASK t ON t.ID_ = s.RESOURCE_ID_ AND s.RESOURCE_TYPE_ = 7"
                    + " JOIN bench_map m ON t.PROC_INST_ID_ = m.tpl_pi");
        } else if (shape.history()) {
            copyBytearrays(false, true);
        }
        if (shape.history()) {
            for (Map.Entry<String, String> t : HISTORY.entrySet()) {
                copyTable(t.getKey(), "JOIN bench_map m ON s." + t.getValue() + " = m.tpl_pi");
            }
        }
    }

    /** The byte arrays (serialized variables) of the templates' variables, runtime and/or history. */
    private void copyBytearrays(boolean runtime, boolean history) throws SQLException {
        List<String> sources = new ArrayList<>();
        if (runtime) {
            sources.add("SELECT BYTEARRAY_ID_ b, PROC_INST_ID_ pi FROM ACT_RU_VARIABLE WHERE BYTEARRAY_ID_ IS NOT NULL");
        }
        if (history) {
            sources.add("SELECT BYTEARRAY_ID_ b, PROC_INST_ID_ pi FROM ACT_HI_VARINST WHERE BYTEARRAY_ID_ IS NOT NULL");
            sources.add("SELECT BYTEARRAY_ID_ b, PROC_INST_ID_ pi FROM ACT_HI_DETAIL WHERE BYTEARRAY_ID_ IS NOT NULL");
            sources.add("SELECT BYTEARRAY_ID_ b, ROOT_PROC_INST_ID_ pi FROM ACT_HI_DEC_IN WHERE BYTEARRAY_ID_ IS NOT NULL");
            sources.add("SELECT BYTEARRAY_ID_ b, ROOT_PROC_INST_ID_ pi FROM ACT_HI_DEC_OUT WHERE BYTEARRAY_ID_ IS NOT NULL");
        }
        exec("DROP TABLE IF EXISTS bench_bytes");
        exec("CREATE TABLE bench_bytes (b VARCHAR(64) PRIMARY KEY, pi VARCHAR(64) NOT NULL) ENGINE=InnoDB");
        exec("INSERT IGNORE INTO bench_bytes SELECT u.b, u.pi FROM (" + String.join(" UNION ALL ", sources)
                + ") u JOIN bench_tpl t ON t.pi = u.pi");
        copyTable("ACT_GE_BYTEARRAY", "JOIN bench_bytes x ON x.b = s.ID_ JOIN bench_map m ON m.tpl_pi = x.pi");
        exec("DROP TABLE bench_bytes");
    }

    private void copyTable(String table, String join) throws SQLException {
        List<String> cols = columns(table);
        if (cols.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (String col : cols) {
            values.add(valueOf(table, col));
        }
        exec("INSERT INTO " + table + " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", values)
                + " FROM " + table + " s " + join);
    }

    /** The value of a column in a copy. */
    private static String valueOf(String table, String col) {
        String s = "s." + col;
        if (col.equals("RESOURCE_ID_") && table.equals("ACT_RU_AUTHORIZATION")) {
            return "CONCAT(s.RESOURCE_ID_, m.suffix)";
        }
        if (col.equals("ID_") && table.equals("ACT_RU_AUTHORIZATION")) {
            return "CONCAT(s.ID_, m.suffix)";
        }
        if (INSTANCE_IDS.contains(col)) {
            return "CASE WHEN " + s + " IS NULL THEN NULL ELSE CONCAT(" + s + ", m.suffix) END";
        }
        return switch (col) {
            case "BUSINESS_KEY_" -> "CASE WHEN s.BUSINESS_KEY_ IS NULL THEN NULL ELSE m.new_no END";
            case "DUE_DATE_" -> "s.DUE_DATE_ + INTERVAL m.shift_days DAY";
            case "DUEDATE_" -> table.equals("ACT_RU_JOB") ? "s.DUEDATE_ + INTERVAL m.shift_days DAY" : s;
            case "LOCK_OWNER_", "LOCK_EXP_TIME_" -> "NULL";
            // variables: the problem's id, number, light and deadline dates (milliseconds) of the copy
            case "LONG_" -> table.equals("ACT_RU_VARIABLE") || table.equals("ACT_HI_VARINST") || table.equals("ACT_HI_DETAIL")
                    ? "CASE s.NAME_ WHEN 'problemId' THEN m.new_problem"
                    + " WHEN 'deadlineAt' THEN s.LONG_ + m.shift_days * 86400000"
                    + " WHEN 'warningAt' THEN s.LONG_ + m.shift_days * 86400000"
                    + " WHEN 'escalateAt' THEN s.LONG_ + m.shift_days * 86400000 ELSE s.LONG_ END" : s;
            case "TEXT_" -> table.equals("ACT_RU_VARIABLE") || table.equals("ACT_HI_VARINST") || table.equals("ACT_HI_DETAIL")
                    ? "CASE s.NAME_ WHEN 'problemNo' THEN m.new_no WHEN 'light' THEN m.light"
                    + " WHEN 'problemId' THEN CASE WHEN s.TEXT_ IS NULL THEN NULL ELSE CAST(m.new_problem AS CHAR) END"
                    + " ELSE s.TEXT_ END" : s;
            default -> s;
        };
    }

    /** The ledger: the problem row, its departments and its timeline. */
    private void copyLedger() throws SQLException {
        List<String> cols = columns("qf_problem");
        List<String> values = new ArrayList<>();
        for (String col : cols) {
            values.add(switch (col.toLowerCase(Locale.ROOT)) {
                case "id" -> "m.new_problem";
                case "problem_no" -> "m.new_no";
                case "process_instance_id" -> "CASE WHEN s.process_instance_id IS NULL THEN NULL"
                        + " ELSE CONCAT(s.process_instance_id, m.suffix) END";
                case "credit_code" -> "m.credit_code";
                case "enterprise_name" -> "CONCAT('基准企业', m.enterprise, '有限公司')";
                case "idempotency_key" -> "NULL";
                case "light" -> "m.light";
                case "overdue" -> "m.light = 'RED'";
                case "deadline_at", "warning_at", "escalate_at" -> "s." + col + " + INTERVAL m.shift_days DAY";
                case "due_date" -> "s.due_date + INTERVAL m.shift_days DAY";
                default -> "s." + col;
            });
        }
        exec("INSERT INTO qf_problem (" + String.join(", ", cols) + ") SELECT " + String.join(", ", values)
                + " FROM qf_problem s JOIN bench_map m ON m.tpl_problem = s.id");
        exec("INSERT INTO qf_problem_department (problem_id, department_code, role, opinion, declined, assigned_at)"
                + " SELECT m.new_problem, s.department_code, s.role, s.opinion, s.declined, s.assigned_at"
                + " FROM qf_problem_department s JOIN bench_map m ON m.tpl_problem = s.problem_id");
        exec("INSERT INTO qf_problem_event (problem_id, occurred_at, actor, action, detail, reason)"
                + " SELECT m.new_problem, s.occurred_at, s.actor, s.action, s.detail, s.reason"
                + " FROM qf_problem_event s JOIN bench_map m ON m.tpl_problem = s.problem_id");
    }

    private void ensureEnterprises(int count) throws SQLException {
        long have;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_enterprise")) {
            rs.next();
            have = rs.getLong(1);
        }
        if (have >= count) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT IGNORE INTO bench_enterprise VALUES (?, ?)")) {
            for (int k = (int) have; k < count; k++) {
                p.setInt(1, k);
                p.setString(2, creditCode(k));
                p.addBatch();
                if (k % 5000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    /** The credit code of benchmark enterprise k (valid: the API checks the check character). */
    public static String creditCode(int k) {
        String first17 = "9133058" + String.format("%010d", k);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private long nextProblemId() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM qf_problem")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** After bulk inserts past the auto-increment: the next problem the application registers gets a free id. */
    public void fixAutoIncrement() throws SQLException {
        exec("ALTER TABLE qf_problem AUTO_INCREMENT = " + nextProblemId());
    }

    private List<String> columns(String table) throws SQLException {
        List<String> cached = columns.get(table);
        if (cached != null) {
            return cached;
        }
        List<String> cols = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        columns.put(table, cols);
        return cols;
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
