package cn.qifu.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.junit.jupiter.api.Test;

/**
 * The ledger row's explicit mapping ({@link ProblemMapper#byId}) names, in order, a column for every component of
 * {@link Problem}, of the component's type: a component added to the record and not to the mapping fails here, not as
 * a wrong value at run time.
 */
class ProblemMappingTest {

    @Test
    void everyComponentOfTheRecordIsReadFromItsColumnInOrder() throws NoSuchMethodException {
        Arg[] args = ProblemMapper.class.getDeclaredMethod("byId", long.class)
                .getAnnotation(ConstructorArgs.class).value();
        RecordComponent[] components = Problem.class.getRecordComponents();

        List<String> columns = Arrays.stream(args).map(Arg::column).toList();
        List<String> expectedColumns = Arrays.stream(components).map(c -> snakeCase(c.getName())).toList();
        assertThat(columns).containsExactlyElementsOf(expectedColumns);

        List<Class<?>> types = Arrays.stream(args).<Class<?>>map(Arg::javaType).toList();
        List<Class<?>> expectedTypes = Arrays.stream(components).<Class<?>>map(RecordComponent::getType).toList();
        assertThat(types).containsExactlyElementsOf(expectedTypes);
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
