package io.jdbcactivity.it;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether an undeployed web application's class loader can be collected, the one proof of no leak on redeploy. */
final class ClassLoaderLeaks {
    private static final int GC_ROUNDS = 100;

    private ClassLoaderLeaks() {
    }

    /**
     * Collects garbage until the loader is gone. When it stays, the heap is dumped (to
     * {@code target/leaks/}) so that the path from a GC root to it can be read, and the dump's
     * place is in the failure.
     */
    static void assertCollected(WeakReference<ClassLoader> loader, String what) throws Exception {
        for (int i = 0; i < GC_ROUNDS && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        if (loader.get() != null) {
            throw new AssertionError("the class loader of " + what + " was not collected; heap dump with it: "
                    + dumpHeap(what));
        }
    }

    private static Path dumpHeap(String what) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "leaks"));
        Path file = dir.resolve(what.replaceAll("[^A-Za-z0-9-]+", "_") + "-" + ProcessHandle.current().pid()
                + ".hprof").toAbsolutePath();
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        return file;
    }
}
