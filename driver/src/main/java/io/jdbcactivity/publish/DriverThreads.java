package io.jdbcactivity.publish;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread the driver starts (publishers, the Kinesis client's I/O and timer threads, the
 * shutdown hook) is made here, so that none of them keeps the application that happened to open
 * the first connection alive: in an application server that is a web application, and a thread
 * that held its class loader (as context class loader, or through the access-control context a
 * new thread inherits from the code that creates it) would pin every class it loaded after it is
 * undeployed. Threads get the driver's own class loader as context and are created in a
 * privileged block, which cuts the inherited context down to the driver's own code.
 */
public final class DriverThreads {
    private static final ClassLoader DRIVER_LOADER = DriverThreads.class.getClassLoader();

    private DriverThreads() {
    }

    /** A daemon thread that holds nothing of its creator. */
    @SuppressWarnings("removal") // AccessController: still what trims the inherited context on Java 17-23
    public static Thread newThread(Runnable task, String name) {
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.setContextClassLoader(DRIVER_LOADER);
            return t;
        });
    }

    /** A factory of such threads, named {@code prefix1}, {@code prefix2}, … */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> newThread(task, prefix + n.incrementAndGet());
    }
}
