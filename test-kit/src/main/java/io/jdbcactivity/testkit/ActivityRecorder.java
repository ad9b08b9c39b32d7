package io.jdbcactivity.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.Activity;
import io.jdbcactivity.driver.ActivityDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records the database activity of each test in memory, for assertions: every event of
 * connections opened with {@code jdbc:activity:} URLs or through {@link #wrap(DataSource)}, read
 * back from the JSON the stream would carry.
 *
 * <pre>{@code
 * @RegisterExtension
 * ActivityRecorder activity = ActivityRecorder.forAllThreads();
 *
 * @Test
 * void showsAnOrder() {
 *     orders.show(42);
 *     activity.statements().assertAtMost(3).assertNoRepeats(1);
 *     activity.statements().writing("orders").assertNone();
 * }
 * }</pre>
 *
 * <p>Each test starts with an empty recording. While it records, every connection takes its
 * statements' call sites ({@code activity.callSite}) unless {@link #withoutCallSites()}. The kit
 * sends nothing anywhere: when no {@code activity.sink} system property is set, it sets
 * {@code activity.sink=none} the first time a recorder is made (a URL or data source that names a
 * sink keeps it, and is recorded as well). Events are what the sink gets: with filters or sampling
 * configured, the left-out ones are not recorded.
 *
 * <p>Outside JUnit: {@link #start()}, then {@link #stop()}.
 */
public final class ActivityRecorder implements BeforeEachCallback, BeforeTestExecutionCallback,
        AfterTestExecutionCallback, AfterEachCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long reading the recording waits for the publishers to publish what was captured. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    static {
        // A test never writes to Kinesis by accident: none becomes the JVM-wide default sink, below
        // every configured source (URL, connection properties, system properties, environment,
        // activity.properties), which keep what they name. Under JUnit the launcher has done it
        // already (NoSinkByDefault), before any test class; this covers a recorder used elsewhere.
        NoSinkByDefault.apply();
    }

    private record Received(long threadId, byte[] json) {
    }

    private final boolean allThreads;
    private boolean callSites = true;
    private int maxRepeats = -1;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final List<RecordedEvent> recorded = new ArrayList<>();
    /** Events recorded since the start, forgotten ones included: positions that survive {@link #clear()}. */
    private long recordedTotal;
    /** {@link #recordedTotal} when the test method began (the set-up's statements are before it). */
    private long testMethodStart;
    private volatile long ownerThread;
    private AutoCloseable listening;
    private Path snapshotDirectory;
    private Class<?> testClass;
    private Snapshots snapshots = Snapshots.forTestClass(null, null);

    private ActivityRecorder(boolean allThreads) {
        this.allThreads = allThreads;
    }

    /** Records what every thread runs: for code that works on pools, executors or a server's threads. */
    public static ActivityRecorder forAllThreads() {
        return new ActivityRecorder(true);
    }

    /**
     * Records only what the thread that runs the test runs: tests of one class or of several
     * classes in parallel do not see each other's statements.
     */
    public static ActivityRecorder forCurrentThread() {
        return new ActivityRecorder(false);
    }

    /** Leaves call sites to {@code activity.callSite} (they cost a stack walk per statement). */
    public ActivityRecorder withoutCallSites() {
        this.callSites = false;
        return this;
    }

    /**
     * After each test, fails it when a statement shape ran more than {@code maxPerShape} times
     * (the N+1 check of {@link Statements#assertNoRepeats}, on every test at once).
     */
    public ActivityRecorder failOnRepeats(int maxPerShape) {
        if (maxPerShape < 1) {
            throw new IllegalArgumentException("a shape may run at least once: " + maxPerShape);
        }
        this.maxRepeats = maxPerShape;
        return this;
    }

    /**
     * Keeps snapshots under {@code directory} (per test class) instead of
     * {@code src/test/resources/activity-snapshots} or the {@code activity.snapshots.dir} system property.
     */
    public ActivityRecorder withSnapshotDirectory(Path directory) {
        this.snapshotDirectory = directory;
        return this;
    }

    /**
     * Records the allowlist production checks ({@code activity.allowlist}): every statement shape
     * the JVM's connections run from now on — the test run's — is written to {@code file} (merged
     * with what it holds, sorted; at an interval and when the publisher stops, so at the JVM's exit
     * at the latest). A JVM-wide default ({@code activity.allowlist.record}), below every configured
     * source: connections opened before this call keep their publisher; call it first, e.g. from a
     * static initializer or {@code @BeforeAll}. Null stops recording for later connections.
     */
    public static void recordAllowlist(Path file) {
        try {
            Activity.setDefault("activity.allowlist.record", file == null ? null : file.toString());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data source whose connections are recorded (and published as the options say), for code handed a DataSource. */
    public static DataSource wrap(DataSource target) {
        return new ActivityDataSource(target);
    }

    // ---- JUnit ----

    @Override
    public void beforeEach(ExtensionContext context) {
        testClass = context.getRequiredTestClass();
        start();
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        events();
        synchronized (this) {
            testMethodStart = recordedTotal;
        }
    }

    /** The failOnRepeats check covers the test method itself, not its set-up and tear-down. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (maxRepeats > 0 && context.getExecutionException().isEmpty()) {
            events(); // what the test ran, published and read
            since(testMethodStart, "statements of the test").assertNoRepeats(maxRepeats);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    // ---- recording ----

    /** Starts an empty recording (what {@code beforeEach} does). */
    public synchronized void start() {
        stopListening();
        // what earlier code captured is published before the recording starts, so it is not in it
        Activity.awaitPublished(PUBLISH_TIMEOUT);
        received.clear();
        recorded.clear();
        recordedTotal = 0;
        snapshots = Snapshots.forTestClass(snapshotDirectory, testClass);
        ownerThread = Thread.currentThread().getId();
        listening = Activity.listen((threadId, json) -> {
            if (allThreads || threadId == ownerThread) {
                received.add(new Received(threadId, json));
            }
        }, callSites);
    }

    /** Stops recording, after what was captured until now is in (what {@code afterEach} does); the recording stays readable. */
    public synchronized void stop() {
        if (listening != null) {
            Activity.awaitPublished(PUBLISH_TIMEOUT);
            drain();
            stopListening();
            received.clear(); // captured after the stop began: not the recording's
        }
    }

    private void stopListening() {
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                listening = null;
            }
        }
    }

    /** Forgets what was recorded so far; recording goes on. */
    public synchronized void clear() {
        events();
        recorded.clear();
    }

    /** Every event recorded, in publishing order: statements, connection events, the driver's own lookups. */
    public synchronized Statements events() {
        if (listening != null && !Activity.awaitPublished(PUBLISH_TIMEOUT)) {
            // a publisher whose sink has no room (a Kinesis stream throttling or gone) stops taking
            // captures: say which, since it may not be this test's
            throw new IllegalStateException("the driver did not publish the statements captured so far within "
                    + PUBLISH_TIMEOUT.toSeconds() + " s; its publishers: " + Activity.stats());
        }
        drain();
        return new Statements(recorded, "events", snapshots);
    }

    /** The statements the application ran (not connection events or the driver's own lookups). */
    public Statements statements() {
        Statements all = events();
        return new Statements(all.stream().filter(RecordedEvent::isStatement).toList(), "statements", snapshots);
    }

    /** The transactions of the recorded events, per connection, in order of their first event. */
    public List<Transaction> transactions() {
        Map<String, List<RecordedEvent>> by = new LinkedHashMap<>();
        for (RecordedEvent e : events()) {
            String command = e.command();
            if ("CONNECT".equals(command) || "DISCONNECT".equals(command)) {
                continue; // not part of a transaction
            }
            by.computeIfAbsent(e.connectionId() + "/" + e.transactionId(), k -> new ArrayList<>()).add(e);
        }
        List<Transaction> all = new ArrayList<>();
        for (List<RecordedEvent> events : by.values()) {
            if (events.stream().noneMatch(e -> e.isStatement() || Transaction.ends(e))) {
                continue; // a driver's own call alone (setAutoCommit, metadata): no transaction of the application's
            }
            RecordedEvent first = events.get(0);
            all.add(new Transaction(first.connectionId(), first.transactionId(), events, snapshots));
        }
        return all;
    }

    /** A block of code whose statements are checked on their own: {@code activity.during(() -> report.render())}. */
    @FunctionalInterface
    public interface Block {
        void run() throws Exception;
    }

    /** Runs {@code block} and returns the statements it ran (the recording keeps them too). */
    public Statements during(Block block) throws Exception {
        events();
        long before;
        synchronized (this) {
            before = recordedTotal;
        }
        block.run();
        events();
        return since(before, "statements of the block");
    }

    /** The statements recorded since position {@code from} (of {@link #recordedTotal}), those forgotten by clear() left out. */
    private synchronized Statements since(long from, String description) {
        int count = (int) Math.min(recorded.size(), recordedTotal - from);
        return new Statements(recorded.subList(recorded.size() - count, recorded.size()).stream()
                .filter(RecordedEvent::isStatement).toList(), description, snapshots);
    }

    private void drain() {
        for (Received r; (r = received.poll()) != null;) {
            try {
                recorded.add(new RecordedEvent(JSON.readTree(r.json()), r.threadId()));
                recordedTotal++;
            } catch (IOException e) {
                throw new IllegalStateException("an event the driver wrote is not JSON", e);
            }
        }
    }
}
