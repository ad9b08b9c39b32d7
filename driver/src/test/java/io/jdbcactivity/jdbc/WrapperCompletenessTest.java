package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method of the JDBC interfaces, default methods included, must be implemented by the
 * wrapper class itself. A default method left alone would bypass the target driver (the peers'
 * {@code executeLargeUpdate} threw UnsupportedOperationException for years this way).
 */
class WrapperCompletenessTest {

    static Stream<Arguments> wrappers() {
        return Stream.of(
                Arguments.of(Connection.class, ActivityConnection.class),
                Arguments.of(Statement.class, ActivityStatement.class),
                Arguments.of(PreparedStatement.class, ActivityPreparedStatement.class),
                Arguments.of(CallableStatement.class, ActivityCallableStatement.class),
                Arguments.of(DatabaseMetaData.class, ActivityDatabaseMetaData.class),
                Arguments.of(ResultSet.class, ActivityResultSet.class));
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void everyInterfaceMethodIsImplementedByTheWrapper(Class<?> iface, Class<?> wrapper) throws Exception {
        List<String> missing = new ArrayList<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method impl = wrapper.getMethod(m.getName(), m.getParameterTypes());
            if (impl.getDeclaringClass().isInterface()) {
                missing.add(m.toGenericString());
            }
        }
        assertTrue(missing.isEmpty(), wrapper.getSimpleName() + " leaves to the interface: " + missing);
        assertTrue(iface.isAssignableFrom(wrapper));
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void wrappersAreHandWrittenClassesNotProxies(Class<?> iface, Class<?> wrapper) {
        assertTrue(!java.lang.reflect.Proxy.isProxyClass(wrapper) && !wrapper.isSynthetic(), wrapper.getName());
    }
}
