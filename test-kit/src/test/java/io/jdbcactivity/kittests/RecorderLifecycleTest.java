package io.jdbcactivity.kittests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.testkit.ActivityRecorder;
import io.jdbcactivity.testkit.Statements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * What the recorder does around tests: threads, the automatic N+1 check (run through the JUnit
 * launcher, as a build runs a test class), snapshots and their diffs, and a real MariaDB through
 * Connector/J.
 */
class RecorderLifecycleTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    @Test
    void forCurrentThreadIgnoresOtherThreadsAndForAllThreadsDoesNot() throws Exception {
        String url = H2Databases.activityUrl();
        ActivityRecorder mine = ActivityRecorder.forCurrentThread();
        ActivityRecorder all = ActivityRecorder.forAllThreads();
        mine.start();
        all.start();
        try {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            Thread other = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    s.execute("SELECT 2");
                    s.execute("SELECT 3");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            other.start();
            other.join();
        } finally {
            mine.stop();
            all.stop();
        }
        assertEquals(List.of("SELECT ?"), mine.statements().texts());
        all.statements().assertCount(3);
    }

    /** Run by the launcher below only (an inner class: the build does not run it by itself). */
    static class RepeatingExample {
        @RegisterExtension
        ActivityRecorder activity = ActivityRecorder.forAllThreads().failOnRepeats(3);

        /** Set-up that repeats a shape: not the test's own statements, so never a failure. */
        @org.junit.jupiter.api.BeforeEach
        void setUp() throws Exception {
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl());
                    PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, i);
                    ps.executeQuery().close();
                }
            }
        }

        @Test
        void nPlusOne() throws Exception {
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl());
                    PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, i);
                    ps.executeQuery().close();
                }
            }
        }

        @Test
        void withinBudget() throws Exception {
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl());
                    PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    ps.executeQuery().close();
                }
            }
        }
    }

    @Test
    void failOnRepeatsFailsTheTestThatRepeatsAndOnlyIt() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(RepeatingExample.class)).build(),
                listener);
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(2, summary.getTestsStartedCount());
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(1, summary.getTestsFailedCount(), summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException()).toList().toString());
        TestExecutionSummary.Failure failure = summary.getFailures().get(0);
        assertTrue(failure.getTestIdentifier().getDisplayName().startsWith("nPlusOne"), failure.getTestIdentifier().toString());
        String m = failure.getException().getMessage();
        assertTrue(m.contains("N+1") && m.contains("5 × SELECT ?") && m.contains("RepeatingExample.nPlusOne("), m);
    }

    @Test
    void snapshotsApproveCompareAndShowADiff(@TempDir Path dir) throws Exception {
        ActivityRecorder recorder = ActivityRecorder.forCurrentThread().withSnapshotDirectory(dir);
        Statements first = record(recorder, "CREATE TABLE t (id INT, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a')",
                "SELECT v FROM t WHERE id = 1");
        // no approved snapshot: fails, and says how to approve
        AssertionError missing = assertThrows(AssertionError.class, () -> first.assertMatchesSnapshot("flow"));
        assertTrue(missing.getMessage().contains("-Dactivity.snapshots.update=true"), missing.getMessage());
        // approve
        System.setProperty("activity.snapshots.update", "true");
        try {
            first.assertMatchesSnapshot("flow");
        } finally {
            System.clearProperty("activity.snapshots.update");
        }
        Path file = dir.resolve("unnamed").resolve("flow.sql");
        assertTrue(Files.readString(file).contains("INSERT INTO t VALUES (?, ?)\nSELECT v FROM t WHERE id = ?\n"),
                Files.readString(file));
        // the same flow with other literals matches
        Statements again = record(recorder, "CREATE TABLE t (id INT, v VARCHAR(10))", "INSERT INTO t VALUES (2, 'b')",
                "SELECT v FROM t WHERE id = 2");
        again.assertMatchesSnapshot("flow");
        // a changed flow fails with a diff
        Statements changed = record(recorder, "CREATE TABLE t (id INT, v VARCHAR(10))", "INSERT INTO t VALUES (2, 'b')",
                "SELECT * FROM t WHERE id = 2", "SELECT COUNT(*) FROM t");
        AssertionError diff = assertThrows(AssertionError.class, () -> changed.assertMatchesSnapshot("flow"));
        String m = diff.getMessage();
        assertTrue(m.contains("\n  INSERT INTO t VALUES (?, ?)\n") && m.contains("\n- SELECT v FROM t WHERE id = ?\n")
                && m.contains("\n+ SELECT * FROM t WHERE id = ?\n") && m.contains("\n+ SELECT COUNT(*) FROM t\n"), m);
        assertThrows(IllegalArgumentException.class, () -> again.assertMatchesSnapshot("../escape"));

        // a text kept with its line breaks (commandText=full) is one line of the file, and matches after approval
        recorder.start();
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl() + ";activity.commandText=full");
                Statement s = c.createStatement()) {
            s.execute("SELECT 1\nFROM DUAL");
        } finally {
            recorder.stop();
        }
        Statements multiline = recorder.statements();
        System.setProperty("activity.snapshots.update", "true");
        try {
            multiline.assertMatchesSnapshot("multiline");
        } finally {
            System.clearProperty("activity.snapshots.update");
        }
        multiline.assertMatchesSnapshot("multiline");
    }

    private static Statements record(ActivityRecorder recorder, String... sql) throws Exception {
        String fresh = H2Databases.activityUrl();
        recorder.start();
        try (Connection c = DriverManager.getConnection(fresh); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } finally {
            recorder.stop();
        }
        return recorder.statements();
    }

    @Test
    void mariaDbThroughConnectorJ() throws Exception {
        DB.execute("DROP TABLE IF EXISTS kit_orders", "CREATE TABLE kit_orders (id INT PRIMARY KEY, total INT)");
        ActivityRecorder recorder = ActivityRecorder.forCurrentThread();
        AtomicReference<Statements> block = new AtomicReference<>();
        recorder.start();
        try (Connection c = DriverManager.getConnection(DB.activityUrl(), DB.user(), DB.password())) {
            c.setAutoCommit(false);
            block.set(recorder.during(() -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO kit_orders VALUES (?, ?)")) {
                    for (int i = 1; i <= 4; i++) {
                        ps.setInt(1, i);
                        ps.setInt(2, i * 10);
                        ps.executeUpdate();
                    }
                }
            }));
            c.commit();
        } finally {
            recorder.stop();
        }
        block.get().writing("kit_orders").withCommand("INSERT").assertCount(4);
        assertThrows(AssertionError.class, () -> block.get().assertNoRepeats(3));
        recorder.transactions().stream().filter(t -> !t.statements().list().isEmpty()).findFirst().orElseThrow()
                .assertCommitted().statements().assertCount(4);
        DB.execute("DROP TABLE kit_orders");
    }
}
