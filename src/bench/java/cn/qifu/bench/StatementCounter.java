package cn.qifu.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the statements the application sends, at the JDBC level (a proxy around the pool): SELECTs, writes, commits.
 * A statement in a JDBC batch counts as one statement. Only for the benchmark: it tells how many statements a step of
 * the loop costs, which is what the database's physical limit is measured with.
 */
public final class StatementCounter {

    public static final LongAdder SELECTS = new LongAdder();
    public static final LongAdder INSERTS = new LongAdder();
    public static final LongAdder UPDATES = new LongAdder();
    public static final LongAdder DELETES = new LongAdder();
    public static final LongAdder OTHERS = new LongAdder();
    /** Commits of transactions that wrote something (a read-only transaction's commit costs no log flush). */
    public static final LongAdder COMMITS = new LongAdder();
    public static final LongAdder READ_ONLY_COMMITS = new LongAdder();
    /** Statements per verb and table ("INSERT ACT_HI_ACTINST"), when {@code bench.statements.detail} is true. */
    public static final Map<String, LongAdder> DETAIL = new ConcurrentHashMap<>();
    static final boolean DETAILED = Boolean.getBoolean("bench.statements.detail");
    /** The distinct statements of one table ({@code bench.statements.sample=ACT_RU_AUTHORIZATION}), with their counts. */
    public static final Map<String, LongAdder> SAMPLES = new ConcurrentHashMap<>();
    static final String SAMPLED = System.getProperty("bench.statements.sample", "");
    static final String TRACED = System.getProperty("bench.statements.trace", "");
    static final java.util.concurrent.atomic.AtomicInteger TRACES = new java.util.concurrent.atomic.AtomicInteger();
    private static final Pattern TABLE = Pattern.compile("(?is)^\\s*(?:select.*?\\sfrom|insert\\s+into|update|delete\\s+from|delete)\\s+([\\w.]+)");
    public static final LongAdder ROUND_TRIPS = new LongAdder();

    private StatementCounter() {
    }

    /** The counters at one moment; {@link #minus} gives what happened in between. */
    public record Snapshot(long selects, long inserts, long updates, long deletes, long others, long commits,
                           long roundTrips) {
        public Snapshot minus(Snapshot before) {
            return new Snapshot(selects - before.selects, inserts - before.inserts, updates - before.updates,
                    deletes - before.deletes, others - before.others, commits - before.commits,
                    roundTrips - before.roundTrips);
        }

        public long writes() {
            return inserts + updates + deletes;
        }

        public long statements() {
            return selects + writes() + others;
        }
    }

    public static Snapshot snapshot() {
        return new Snapshot(SELECTS.sum(), INSERTS.sum(), UPDATES.sum(), DELETES.sum(), OTHERS.sum(), COMMITS.sum(),
                ROUND_TRIPS.sum());
    }

    /** Wraps the application's DataSource bean in the counting proxy. */
    public static BeanPostProcessor postProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
                    return wrap(dataSource);
                }
                return bean;
            }
        };
    }

    static DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {DataSource.class},
                new Forwarding(target) {
                    @Override
                    Object after(Method method, Object[] args, Object result) {
                        if (result instanceof Connection connection && method.getName().equals("getConnection")) {
                            return connection(connection);
                        }
                        return result;
                    }
                });
    }

    private static Connection connection(Connection target) {
        boolean[] wrote = {false};
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Forwarding(target) {
                    @Override
                    Object after(Method method, Object[] args, Object result) {
                        switch (method.getName()) {
                            case "prepareStatement", "prepareCall" -> {
                                return statement((Statement) result, (String) args[0],
                                        method.getName().equals("prepareCall") ? java.sql.CallableStatement.class
                                                : PreparedStatement.class, wrote);
                            }
                            case "createStatement" -> {
                                return statement((Statement) result, null, Statement.class, wrote);
                            }
                            case "commit" -> {
                                (wrote[0] ? COMMITS : READ_ONLY_COMMITS).increment();
                                wrote[0] = false;
                                ROUND_TRIPS.increment();
                            }
                            case "rollback" -> wrote[0] = false;
                            default -> {
                            }
                        }
                        return result;
                    }
                });
    }

    private static Statement statement(Statement target, String preparedSql, Class<? extends Statement> type,
                                       boolean[] wrote) {
        return (Statement) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                new Forwarding(target) {
                    @Override
                    Object after(Method method, Object[] args, Object result) {
                        String name = method.getName();
                        if (name.startsWith("execute")) {
                            if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                                ROUND_TRIPS.increment();
                            } else {
                                wrote[0] |= count(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
                                ROUND_TRIPS.increment();
                            }
                        } else if (name.equals("addBatch")) {
                            wrote[0] |= count(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
                        }
                        return result;
                    }
                });
    }

    /** Counts the statement; true if it writes. */
    static boolean count(String sql) {
        if (sql == null) {
            OTHERS.increment();
            return false;
        }
        String s = sql.stripLeading();
        int space = 0;
        while (space < s.length() && !Character.isWhitespace(s.charAt(space)) && s.charAt(space) != '(') {
            space++;
        }
        String verb = s.substring(0, space).toLowerCase(Locale.ROOT);
        if (DETAILED) {
            if (sql.length() >= 4096) {
                DETAIL.computeIfAbsent("LONG SQL " + (sql.length() / 1024) + "K " + sql.replaceAll("\\s+", " ").substring(0, 400),
                        k -> new LongAdder()).increment();
            }
            Matcher m = TABLE.matcher(s);
            String table = m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "?";
            DETAIL.computeIfAbsent(verb.toUpperCase(Locale.ROOT) + " " + table, k -> new LongAdder()).increment();
            if (!TRACED.isEmpty() && s.contains(TRACED) && TRACES.getAndIncrement() < 2) {
                new Throwable("statement " + s).printStackTrace(System.out);
            }
            if (table.equalsIgnoreCase(SAMPLED)) {
                SAMPLES.computeIfAbsent(s.replaceAll("\\s+", " "), k -> new LongAdder()).increment();
            }
        }
        switch (verb) {
            case "select" -> SELECTS.increment();
            case "insert", "replace" -> INSERTS.increment();
            case "update" -> UPDATES.increment();
            case "delete" -> DELETES.increment();
            default -> {
                OTHERS.increment();
                return !verb.equals("set") && !verb.equals("show");
            }
        }
        return !verb.equals("select");
    }

    /** Forwards every call to the target; {@link #after} may replace the result. unwrap reaches the target. */
    private abstract static class Forwarding implements InvocationHandler {
        private final Object target;

        Forwarding(Object target) {
            this.target = target;
        }

        abstract Object after(Method method, Object[] args, Object result);

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> type
                    && type.isInstance(target)) {
                return target;
            }
            if (method.getName().equals("isWrapperFor") && args != null && args[0] instanceof Class<?> type
                    && type.isInstance(target)) {
                return true;
            }
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(proxy);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after(method, args, result);
        }
    }
}
