package io.jdbcactivity.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper} for every wrapper class: an interface the wrapper implements answers the
 * wrapper itself (so identity holds), anything else is looked for in the target driver's object
 * ({@code unwrap(com.mysql.cj.jdbc.JdbcConnection.class)} reaches Connector/J's own class).
 */
final class Wrappers {
    private Wrappers() {
    }

    static <T> T unwrap(Object wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    static boolean isWrapperFor(Object wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(wrapper) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
