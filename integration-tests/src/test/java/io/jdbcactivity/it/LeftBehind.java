package io.jdbcactivity.it;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * What a deployment may leave running in the JVM: threads (whatever their name: the driver's own,
 * or ones the bundled SDK and Netty start under theirs) and the driver's MBeans. A baseline is
 * taken before deploying; after undeploying, anything alive that was not in it is left behind,
 * except the threads of the test's own machinery listed in {@link #ALLOWED}.
 */
final class LeftBehind {
    /**
     * Threads that may appear during a deployment without being the driver's, each for a reason.
     * Matched on the whole name.
     */
    private static final List<Pattern> ALLOWED = List.of(
            // Tomcat's connector (request workers, poller, acceptor): its pool grows and shrinks by
            // itself. What an application leaves on those threads (ThreadLocals) is what Tomcat's
            // own leak detection reports, which the redeploy tests check separately.
            Pattern.compile("http-nio-.*"),
            // Tomcat's utility executor starts its threads lazily, for background processing
            Pattern.compile("Catalina-utility-\\d+"),
            // the test's own HTTP client (java.net.http), which the driver does not use
            Pattern.compile("HttpClient-\\d+-Worker-\\d+"),
            // JUnit's @Timeout watcher, started by the first test in the JVM that declares a timeout
            Pattern.compile("junit-jupiter-timeout-watcher"));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private LeftBehind() {
    }

    /** The threads and driver MBeans alive now. */
    record Baseline(Set<Thread> threads, Set<ObjectName> mbeans) {
    }

    static Baseline baseline() {
        return new Baseline(Thread.getAllStackTraces().keySet(), driverMBeans());
    }

    /** Threads started and driver MBeans registered since the baseline that are still there. */
    static List<String> since(Baseline before) {
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.threads().contains(t) && !allowed(t.getName())) {
                left.add(describe(t));
            }
        }
        for (ObjectName n : driverMBeans()) {
            if (!before.mbeans().contains(n)) {
                left.add("MBean " + n);
            }
        }
        return left;
    }

    /** The driver's publishers started since the baseline and still running: their MBeans. */
    static Set<ObjectName> publishersSince(Baseline before) {
        return driverMBeans().stream().filter(n -> !before.mbeans().contains(n))
                .filter(n -> "Publisher".equals(n.getKeyProperty("type"))).collect(Collectors.toSet());
    }

    /**
     * Waits until nothing is left since the baseline (the driver stops its threads asynchronously
     * after an undeploy, and Netty's global executor ends its thread a second after its last task).
     */
    static void awaitNothingSince(Baseline before, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> left = since(before);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still there " + PATIENCE.toSeconds() + " s " + what + ":\n"
                        + String.join("\n", left));
            }
            Thread.sleep(50);
            left = since(before);
        }
    }

    private static boolean allowed(String name) {
        return ALLOWED.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private static String describe(Thread t) {
        ClassLoader context = t.getContextClassLoader();
        return "thread \"" + t.getName() + "\" " + t.getState() + (t.isDaemon() ? " daemon" : "")
                + ", context class loader " + (context == null ? "none" : context.getClass().getName()
                        + "@" + Integer.toHexString(System.identityHashCode(context)))
                + Arrays.stream(t.getStackTrace()).map(f -> "\n    at " + f).collect(Collectors.joining());
    }

    private static Set<ObjectName> driverMBeans() {
        try {
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("io.jdbcactivity:*"), null);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
