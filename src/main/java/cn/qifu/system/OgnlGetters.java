package cn.qifu.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;

/**
 * How MyBatis's OGNL reads a property of an object in a mapping's {@code <if test>}, with the method it reads by
 * remembered per class and name. OGNL remembers a getter it finds by its name ({@code getX}, {@code isX}); a property
 * without one, such as {@code query.isOrQueryActive} and {@code query.isWithoutTenantId} that Camunda's task query asks
 * in every query, it looks for by scanning every method of the class and lower-casing each name, at every evaluation:
 * 2.6 % of the application's CPU in the loop over HTTP. The method found is the one OGNL would find (its own look-ups,
 * asked once); a property that no public method of a public class answers, a field say, is left to OGNL's own
 * accessor, as is everything while switched off ({@code qifu.performance.ognl-getters=false}).
 */
public final class OgnlGetters extends ObjectPropertyAccessor {

    private static final OgnlGetters INSTANCE = new OgnlGetters();
    /** OGNL's accessors are the JVM's: the engine built last decides (only the benchmark's defaults switch it off). */
    private static volatile boolean on;
    private static boolean registered;

    private final ClassValue<Map<String, Optional<Method>>> methods = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Method>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private OgnlGetters() {
    }

    /**
     * Puts the accessor in place for every class without one of its own (OGNL's accessor for {@code Object}), before
     * the engine's first statement: OGNL keeps the accessor it found for a class.
     */
    static synchronized void install(boolean enabled) {
        on = enabled;
        if (enabled && !registered) {
            OgnlRuntime.setPropertyAccessor(Object.class, INSTANCE);
            registered = true;
        }
    }

    @Override
    public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
        if (!on) {
            return super.getPossibleProperty(context, target, name);
        }
        Class<?> type = target.getClass();
        Optional<Method> method = methods.get(type).computeIfAbsent(name, property -> find(type, property));
        if (method.isEmpty()) {
            return super.getPossibleProperty(context, target, name);
        }
        try {
            return method.get().invoke(target);
        } catch (InvocationTargetException failed) {
            throw new OgnlException("Method \"" + method.get().getName() + "\" failed for object " + target,
                    failed.getTargetException());
        } catch (IllegalAccessException notCallable) {
            return super.getPossibleProperty(context, target, name);
        }
    }

    /** OGNL's own order: the getter by name, else a method read by scanning the class. */
    static Optional<Method> find(Class<?> type, String property) {
        Method method = OgnlRuntime.getGetMethod(type, property);
        if (method == null) {
            method = OgnlRuntime.getReadMethod(type, property);
        }
        boolean callable = method != null && method.getParameterCount() == 0
                && Modifier.isPublic(method.getModifiers()) && Modifier.isPublic(method.getDeclaringClass().getModifiers());
        return callable ? Optional.of(method) : Optional.empty();
    }
}
