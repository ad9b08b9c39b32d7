package io.jdbcactivity.sample;

import io.jdbcactivity.sample.stream.StopSignal;
import io.jdbcactivity.sample.stream.StreamTail;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link StreamTail} and always ends with its summary: when reading is done, when it failed
 * (the failure is then rethrown, so that the command exits non-zero), and on Ctrl-C or SIGTERM.
 * After a signal, reading goes on for {@link #GRACE} at most, to show what has arrived, and the
 * shutdown hook waits a little longer than that for the summary before the JVM ends. Reading
 * happens on the calling thread ({@link #readHere}) or on a thread of its own while the shop
 * works ({@link #startInBackground}, then {@link #finish} or {@link #close}).
 */
final class TailRunner implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(3);
    /**
     * Longer than {@link #GRACE}: calls made after the signal are cut to its deadline, so only a
     * call made before it (a hung endpoint: up to the socket timeout) keeps the reader longer.
     */
    private static final Duration HOOK_WAIT = GRACE.plusSeconds(2);

    private final StreamTail tail;
    private final PrintStream summaryOut;
    private final PrintStream err;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch readingEnded = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "tail-stop");
    private volatile Throwable failure;
    private boolean summarised;

    TailRunner(StreamTail tail, PrintStream summaryOut, PrintStream err) {
        this.tail = tail;
        this.summaryOut = summaryOut;
        this.err = err;
    }

    /** Reads on this thread: to the tip, or (following) until Ctrl-C; then prints the summary. */
    void readHere(boolean follow) {
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            read(follow);
            printSummary();
        } finally {
            removeHook();
        }
        rethrowFailure();
    }

    /** Follows on a thread of its own until {@link #finish()}; a failure is said at once, and rethrown there. */
    void startInBackground() {
        Runtime.getRuntime().addShutdownHook(hook);
        Thread reader = new Thread(() -> {
            read(true);
            if (failure != null) {
                err.println("(the viewer stopped: " + failure.getMessage() + "; the shop goes on, and the run will "
                        + "end with this error)");
            }
        }, "tail");
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops following once what was written is read to the tip, prints the summary, rethrows a failure of reading. */
    void finish() throws InterruptedException {
        stop.requestStop();
        readingEnded.await();
        printSummary();
        removeHook();
        rethrowFailure();
    }

    /** Stops reading within {@link #GRACE} and prints the summary, unless that was done (the shop failed). */
    @Override
    public void close() {
        stop.requestStopWithin(GRACE);
        awaitReading();
        printSummary();
        removeHook();
    }

    private void read(boolean follow) {
        try {
            boolean reachedTip = follow ? tail.follow(stop) : tail.catchUp(stop);
            if (!reachedTip) {
                tail.summary().endedEarly("stopped " + GRACE.toSeconds() + " s after the signal");
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            tail.summary().endedEarly("reading failed");
        } finally {
            readingEnded.countDown();
        }
    }

    /** Ctrl-C or SIGTERM: the JVM ends when this returns, so the summary must be out by then. */
    private void onShutdown() {
        stop.requestStopWithin(GRACE);
        if (!awaitReading()) {
            tail.summary().endedEarly("the reader did not stop within " + HOOK_WAIT.toSeconds() + " s");
        }
        printSummary();
    }

    private boolean awaitReading() {
        try {
            return readingEnded.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Once, whoever comes first (the reader, {@link #finish}, the hook); a second caller waits until it is out. */
    private synchronized void printSummary() {
        if (summarised) {
            return;
        }
        summarised = true;
        tail.summary().print(summaryOut);
        summaryOut.flush();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs, and the summary is already out
        }
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }
}
