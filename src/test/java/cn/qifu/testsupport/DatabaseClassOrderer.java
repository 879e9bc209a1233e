package cn.qifu.testsupport;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes database by database: first those that start no shared application (plain tests, and those
 * that start and stop their own), then every class {@link OnH2}, then every class {@link OnMariaDb}.
 *
 * <p>Why: Camunda's REST API and webapps find their engine by name in a JVM-wide registry, and every application
 * context registers its engine as "default". Two contexts alive at once would let one context's /engine-rest reach
 * the other's engine; grouping the classes keeps each context's turn separate.
 */
public class DatabaseClassOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(DatabaseClassOrderer::group)
                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int group(ClassDescriptor descriptor) {
        if (descriptor.isAnnotated(OnH2.class)) {
            return 1;
        }
        return descriptor.isAnnotated(OnMariaDb.class) ? 2 : 0;
    }
}
