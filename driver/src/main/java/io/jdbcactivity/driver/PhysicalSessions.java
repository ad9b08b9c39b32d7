package io.jdbcactivity.driver;

import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.SessionProbe;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the physical connection of a target connection and reads its identity, reflectively, so
 * the driver jar needs neither Connector/J nor MariaDB Connector/J:
 * <ul>
 * <li>MySQL Connector/J: {@code com.mysql.cj.jdbc.JdbcConnection.getId()} (the server thread id,
 * a field of its session) and {@code getHostPortPair()}. On a multi-host connection both answer
 * for the physical connection in use (its proxy forwards them to the current one).</li>
 * <li>MariaDB Connector/J: {@code org.mariadb.jdbc.Connection.getThreadId()} and
 * {@code getClient().getHostAddress()}, whose HA modes keep the current host in the client.</li>
 * <li>Anything else: a {@code getId()}, {@code getThreadId()} or {@code getBackendPID()} of the
 * connection's own class for the session id, and the URL's first host.</li>
 * </ul>
 * A connection that is neither but wraps one (P6Spy, HikariCP's proxies, the AWS Advanced JDBC
 * Wrapper, a {@code jdbc:activity:p6spy:mysql:} URL) is unwrapped through JDBC's
 * {@code isWrapperFor}/{@code unwrap}, again at every read: a wrapper that fails over may hand out
 * another connection. Method handles are looked up once per class.
 */
final class PhysicalSessions {
    private static final String CONNECTOR_J = "com.mysql.cj.jdbc.JdbcConnection";
    private static final String MARIADB = "org.mariadb.jdbc.Connection";

    /** Connector/J's getId and getHostPortPair, looked up on its interface. */
    private static final ClassValue<MethodHandle[]> CONNECTOR_J_HANDLES = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> jdbcConnection) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new MethodHandle[] {
                    lookup.findVirtual(jdbcConnection, "getId", MethodType.methodType(long.class))
                            .asType(MethodType.methodType(long.class, Object.class)),
                    lookup.findVirtual(jdbcConnection, "getHostPortPair", MethodType.methodType(String.class))
                            .asType(MethodType.methodType(String.class, Object.class)),
                };
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    /** MariaDB Connector/J's getThreadId and getClient().getHostAddress(), then the address's host and port fields. */
    private static final ClassValue<MethodHandle[]> MARIADB_HANDLES = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> connection) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                ClassLoader loader = connection.getClassLoader();
                Class<?> client = Class.forName("org.mariadb.jdbc.client.Client", false, loader);
                Class<?> address = Class.forName("org.mariadb.jdbc.HostAddress", false, loader);
                MethodHandle getClient = lookup.findVirtual(connection, "getClient", MethodType.methodType(client));
                MethodHandle getAddress = lookup.findVirtual(client, "getHostAddress", MethodType.methodType(address));
                return new MethodHandle[] {
                    lookup.findVirtual(connection, "getThreadId", MethodType.methodType(long.class))
                            .asType(MethodType.methodType(long.class, Object.class)),
                    MethodHandles.filterReturnValue(getClient, getAddress)
                            .asType(MethodType.methodType(Object.class, Object.class)),
                    lookup.findGetter(address, "host", String.class).asType(MethodType.methodType(String.class, Object.class)),
                    lookup.findGetter(address, "port", int.class).asType(MethodType.methodType(int.class, Object.class)),
                };
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    /** A session id method of the connection's own class, for other drivers (may be null). */
    private static final ClassValue<MethodHandle> OTHER_SESSION_ID = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            String[] names = {"getId", "getThreadId", "getBackendPID"};
            Class<?>[] types = {long.class, long.class, int.class};
            for (int i = 0; i < names.length; i++) {
                try {
                    return MethodHandles.publicLookup().findVirtual(type, names[i], MethodType.methodType(types[i]))
                            .asType(MethodType.methodType(long.class, Object.class));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // try the next name
                }
            }
            return null;
        }
    };

    private PhysicalSessions() {
    }

    /** The probe of {@code raw}, or null when nothing about its physical connection can be read. */
    static SessionProbe probe(Connection raw, TargetUrl url, Class<?> targetDriver) {
        Class<?> connectorJ = superType(raw.getClass(), CONNECTOR_J);
        if (connectorJ != null && CONNECTOR_J_HANDLES.get(connectorJ) != null) {
            return new ConnectorJ(raw, null, CONNECTOR_J_HANDLES.get(connectorJ), url);
        }
        Class<?> mariaDb = superType(raw.getClass(), MARIADB);
        if (mariaDb != null && MARIADB_HANDLES.get(mariaDb) != null) {
            return new MariaDb(raw, null, MARIADB_HANDLES.get(mariaDb), url);
        }
        // A wrapper: unwrap to the target driver underneath, if it says it wraps one.
        for (ClassLoader loader : loaders(raw, targetDriver)) {
            Class<?> k = load(CONNECTOR_J, loader);
            if (k != null && wraps(raw, k) && CONNECTOR_J_HANDLES.get(k) != null) {
                return new ConnectorJ(raw, k, CONNECTOR_J_HANDLES.get(k), url);
            }
            k = load(MARIADB, loader);
            if (k != null && wraps(raw, k) && MARIADB_HANDLES.get(k) != null) {
                return new MariaDb(raw, k, MARIADB_HANDLES.get(k), url);
            }
        }
        MethodHandle id = OTHER_SESSION_ID.get(raw.getClass());
        return id == null ? null : new Other(raw, id);
    }

    /** The class or interface named {@code name} among {@code type}'s supertypes, or null. */
    private static Class<?> superType(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
            for (Class<?> i : c.getInterfaces()) {
                Class<?> found = superType(i, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<ClassLoader> loaders(Connection raw, Class<?> targetDriver) {
        List<ClassLoader> loaders = new ArrayList<>(4);
        for (ClassLoader l : new ClassLoader[] {raw.getClass().getClassLoader(),
            targetDriver == null ? null : targetDriver.getClassLoader(),
            Thread.currentThread().getContextClassLoader(), PhysicalSessions.class.getClassLoader()}) {
            if (l != null && !loaders.contains(l)) {
                loaders.add(l);
            }
        }
        return loaders;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean wraps(Connection raw, Class<?> type) {
        try {
            return raw.isWrapperFor(type);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** What all probes share: the connection to read through, unwrapped at every read when it is a wrapper. */
    private abstract static class Probe implements SessionProbe {
        final Connection raw;
        /** The target driver's interface to unwrap to; null when {@link #raw} is the target's own connection. */
        final Class<?> unwrapTo;
        final TargetUrl url;
        /** Kept: asked at every commit and rollback. */
        final boolean multiHost;

        Probe(Connection raw, Class<?> unwrapTo, TargetUrl url) {
            this.raw = raw;
            this.unwrapTo = unwrapTo;
            this.url = url;
            this.multiHost = url.multiHost();
        }

        @Override
        public final ConnectionContext reread(ConnectionContext current) {
            try {
                if (raw.isClosed()) {
                    return current; // a closed multi-host proxy would reconnect on any other call
                }
                Object target = unwrapTo == null ? raw : raw.unwrap(unwrapTo);
                return target == null ? current : read(target, current);
            } catch (Throwable t) {
                return current;
            }
        }

        /** Reads the target driver's connection {@code target}: {@code current} when nothing moved. */
        abstract ConnectionContext read(Object target, ConnectionContext current) throws Throwable;

        @Override
        public boolean multiHost() {
            return multiHost;
        }

        @Override
        public int watch(ConnectionContext current) {
            return 0;
        }

        static ConnectionContext changed(ConnectionContext current, long id, String host, int port) {
            String session = id < 0 ? current.sessionId() : Long.toString(id);
            if (session != null && session.equals(current.sessionId()) && port == current.serverPort()
                    && (host == null ? current.serverHost() == null : host.equals(current.serverHost()))) {
                return current;
            }
            return current.withSession(session, host, port);
        }
    }

    /** MySQL Connector/J, single-host or behind one of its multi-host proxies (which forward both calls). */
    private static final class ConnectorJ extends Probe {
        private final MethodHandle getId;
        private final MethodHandle getHostPortPair;
        /** Connector/J's failover mode (several hosts, no loadbalance/replication) returns to its first host by itself. */
        private final boolean failover;
        /** The primary host:port of a failover URL: the first host (for DNS SRV, where the URL names none, the first that served). */
        private String primary;
        private long lastId = Long.MIN_VALUE;

        ConnectorJ(Connection raw, Class<?> unwrapTo, MethodHandle[] handles, TargetUrl url) {
            super(raw, unwrapTo, url);
            this.getId = handles[0];
            this.getHostPortPair = handles[1];
            this.failover = multiHost && !url.says("loadbalance") && !url.says("replication");
            TargetUrl.HostPort first = url.firstHost();
            this.primary = first == null || url.says("srv") ? null : first.host() + ":" + first.port();
        }

        @Override
        ConnectionContext read(Object target, ConnectionContext current) throws Throwable {
            long id = (long) getId.invokeExact(target);
            if (id == lastId && current.sessionId() != null && unwrapTo == null && !multiHost) {
                return current; // the same session of the same single-host connection: nothing moved
            }
            lastId = id;
            String hostPort = (String) getHostPortPair.invokeExact(target);
            if (primary == null) {
                primary = hostPort;
            }
            int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
            if (colon < 0) {
                return changed(current, id, current.serverHost(), current.serverPort());
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = current.serverPort();
            }
            return changed(current, id, host, port);
        }

        @Override
        public int watch(ConnectionContext current) {
            // After a failover, Connector/J goes back to the primary host right after some statement
            // (secondsBeforeRetrySource, queriesBeforeRetrySource): while away from it, look before each one.
            if (!failover || primary == null) {
                return 0;
            }
            String at = current.serverHost() + ":" + current.serverPort();
            return primary.equalsIgnoreCase(at) ? 0 : BEFORE_EACH;
        }
    }

    /** MariaDB Connector/J: one connection object whose client holds the current host in every HA mode. */
    private static final class MariaDb extends Probe {
        private final MethodHandle getThreadId;
        private final MethodHandle getHostAddress;
        private final MethodHandle host;
        private final MethodHandle port;
        /** What the last read found, to answer "unchanged" without building strings. */
        private long lastId = Long.MIN_VALUE;
        private Object lastAddress;

        MariaDb(Connection raw, Class<?> unwrapTo, MethodHandle[] handles, TargetUrl url) {
            super(raw, unwrapTo, url);
            this.getThreadId = handles[0];
            this.getHostAddress = handles[1];
            this.host = handles[2];
            this.port = handles[3];
        }

        @Override
        ConnectionContext read(Object target, ConnectionContext current) throws Throwable {
            long id = (long) getThreadId.invokeExact(target);
            Object address = (Object) getHostAddress.invokeExact(target);
            if (id == lastId && address == lastAddress && current.sessionId() != null) {
                return current;
            }
            lastId = id;
            lastAddress = address;
            if (address == null) {
                return changed(current, id, current.serverHost(), current.serverPort());
            }
            String h = (String) host.invokeExact(address);
            int p = (int) port.invokeExact(address);
            return changed(current, id, h == null ? current.serverHost() : h, h == null ? current.serverPort() : p);
        }

        @Override
        public int watch(ConnectionContext current) {
            // Its HA modes reconnect and re-run a statement on another host without telling the
            // application: a read after each statement (two field reads, no allocation) sees it.
            return multiHost ? AFTER_EACH : 0;
        }
    }

    /** Another driver: a session id from the connection's own class, no host. */
    private static final class Other implements SessionProbe {
        private final Connection raw;
        private final MethodHandle id;

        Other(Connection raw, MethodHandle id) {
            this.raw = raw;
            this.id = id;
        }

        @Override
        public ConnectionContext reread(ConnectionContext current) {
            try {
                String session = Long.toString((long) id.invokeExact((Object) raw));
                return session.equals(current.sessionId()) ? current
                        : current.withSession(session, current.serverHost(), current.serverPort());
            } catch (Throwable t) {
                return current;
            }
        }

        @Override
        public int watch(ConnectionContext current) {
            return 0;
        }

        @Override
        public boolean multiHost() {
            return false;
        }
    }
}
