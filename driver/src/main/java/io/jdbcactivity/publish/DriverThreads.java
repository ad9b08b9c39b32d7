package io.jdbcactivity.publish;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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

    /**
     * Runs {@code task} on a new driver thread and waits for it. For work that may start threads
     * or fill thread-locals of its own (building an SDK client, whose credential providers and
     * Netty may do both): done on the application's thread — a container's pooled worker — those
     * would inherit the web application's class loader or stay attached to a thread the driver
     * does not own.
     */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        newThread(future, name).start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the wait: the task owns what it created until it returns
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception x) {
                        throw x;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A factory of such threads, named {@code prefix1}, {@code prefix2}, … */
    public static Factory factory(String prefix) {
        return new Factory(prefix);
    }

    /**
     * Makes driver threads for an executor and remembers them: an executor's termination (Netty's
     * {@code shutdownGracefully}, {@code awaitTermination}) is signalled while its threads are
     * still on their way out, and a container that looks right after an undeploy sees them.
     */
    public static final class Factory implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        private Factory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread t = DriverThreads.newThread(task, prefix + count.incrementAndGet());
            threads.add(t);
            return t;
        }

        /** Waits, within {@code timeoutMillis} in all, until every thread made here has ended. */
        public void join(long timeoutMillis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            boolean interrupted = false;
            for (Thread t : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (!t.isAlive()) {
                    threads.remove(t);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
