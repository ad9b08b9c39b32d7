package io.jdbcactivity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the threads the driver started, found by name: {@code jdbc-activity-publisher-*}
 * (analysis, encoding, gzip, the spool), {@code jdbc-activity-netty-*} (the SDK's HTTP client) and
 * {@code jdbc-activity-timer-*}. Time a thread waits for a core is not counted, so the figure holds
 * on a loaded machine; a thread that ended between two readings takes its time with it (the
 * driver's threads live as long as their publisher).
 */
final class DriverCpu {
    static final String ALL = "jdbc-activity-";
    static final String PUBLISHER = "jdbc-activity-publisher-";
    static final String NETTY = "jdbc-activity-netty-";
    static final String TIMER = "jdbc-activity-timer-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DriverCpu() {
    }

    /** CPU nanoseconds used so far by every live thread whose name starts with {@code prefix}. */
    static long nanos(String prefix) {
        return nanos(new String[] {prefix})[0];
    }

    /**
     * The same for several prefixes, read in one pass over the threads so that the figures are
     * of one moment (a thread is counted under every prefix its name starts with).
     */
    static long[] nanos(String... prefixes) {
        long[] total = new long[prefixes.length];
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (!name.startsWith(ALL)) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(t.getId());
            for (int i = 0; i < prefixes.length; i++) {
                if (cpu > 0 && name.startsWith(prefixes[i])) {
                    total[i] += cpu;
                }
            }
        }
        return total;
    }
}
