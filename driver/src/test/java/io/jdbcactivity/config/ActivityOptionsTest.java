package io.jdbcactivity.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityOptionsTest {
    private static final ClassLoader NO_FILE = new URLClassLoader(new URL[0], null);
    /** Unknown keys are warned about once per JVM: each test names keys of its own. */
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

    /** Warnings of the driver's System.Logger, which the JDK routes to java.util.logging here. */
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(r);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("io.jdbcactivity").addHandler(recorder);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("io.jdbcactivity").removeHandler(recorder);
    }

    private List<String> warningsAbout(String key) {
        synchronized (warnings) {
            return warnings.stream().map(LogRecord::getMessage).filter(m -> m.contains("'" + key + "'")).toList();
        }
    }

    private static ActivityOptions resolve(Map<String, String> url, Map<String, String> props, Properties system,
            Map<String, String> env, ClassLoader loader) throws OptionException {
        return ActivityOptions.resolve(url, props, system, env, loader);
    }

    private static ActivityOptions url(String key, String value) throws OptionException {
        return resolve(Map.of(key, value), Map.of(), new Properties(), Map.of(), NO_FILE);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() throws Exception {
        ActivityOptions incomplete = resolve(Map.of(), Map.of(), new Properties(), Map.of(), NO_FILE);
        MissingOptionException e = assertThrows(MissingOptionException.class, incomplete::requireComplete);
        String firstLine = e.getMessage().lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith("Set activity.kinesis.stream") && firstLine.contains("ACTIVITY_KINESIS_STREAM"),
                e.getMessage());
        assertTrue(e.getMessage().contains("activity.sink=jsonl or none"), e.getMessage());
        assertEquals("08001", e.getSQLState());
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        ActivityOptions o = resolve(Map.of(), Map.of(), new Properties(), Map.of("ACTIVITY_KINESIS_STREAM", "s"), NO_FILE);
        assertEquals("kinesis", o.get(Option.SINK));
        assertEquals("-", o.get(Option.JSONL_PATH));
        assertEquals(16384, o.getInt(Option.QUEUE_CAPACITY));
        assertEquals("drop-newest", o.get(Option.OVERFLOW));
        assertEquals(100, o.getInt(Option.KINESIS_LINGER_MS));
    }

    @Test
    void everyDefaultIsAValueItsOptionAllows() {
        for (Option o : Option.values()) {
            if (o.defaultValue() != null) {
                assertDoesNotThrow(() -> url(o.key(), o.defaultValue()), o.key());
            }
        }
    }

    @Test
    void precedenceIsUrlThenPropertiesThenSystemThenEnvironmentThenFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("activity.properties"),
                "activity.application=file\nactivity.kinesis.stream=file-stream\nactivity.kinesis.region=file-region\n"
                        + "activity.kinesis.endpoint=http://file\nactivity.jsonl.path=/file\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Properties system = new Properties();
            system.setProperty("activity.kinesis.region", "system-region");
            system.setProperty("activity.kinesis.endpoint", "http://system");
            system.setProperty("activity.jsonl.path", "/system");
            Map<String, String> env = Map.of("ACTIVITY_KINESIS_STREAM", "env-stream", "ACTIVITY_KINESIS_REGION",
                    "env-region", "ACTIVITY_JSONL_PATH", "/env");
            ActivityOptions o = resolve(Map.of("activity.jsonl.path", "/url"),
                    Map.of("activity.jsonl.path", "/props", "activity.kinesis.endpoint", "http://props"), system, env,
                    loader);
            assertEquals("/url", o.get(Option.JSONL_PATH));
            assertEquals("http://props", o.get(Option.KINESIS_ENDPOINT));
            assertEquals("system-region", o.get(Option.KINESIS_REGION));
            assertEquals("env-stream", o.get(Option.KINESIS_STREAM));
            assertEquals("file", o.get(Option.APPLICATION));
        }
    }

    @Test
    void aJvmDefaultIsBelowEveryConfiguredSource(@TempDir Path dir) throws Exception {
        String before = ActivityOptions.jvmDefault("activity.sink");
        ActivityOptions.setJvmDefault("activity.sink", "none");
        try {
            assertEquals("none", resolve(Map.of(), Map.of(), new Properties(), Map.of(), NO_FILE).get(Option.SINK));
            Files.writeString(dir.resolve("activity.properties"), "activity.sink=jsonl\n");
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
                assertEquals("jsonl", resolve(Map.of(), Map.of(), new Properties(), Map.of(), loader).get(Option.SINK),
                        "activity.properties keeps its sink");
            }
            assertEquals("jsonl", resolve(Map.of(), Map.of(), new Properties(), Map.of("ACTIVITY_SINK", "jsonl"), NO_FILE)
                    .get(Option.SINK), "so does the environment");
            Properties system = new Properties();
            system.setProperty("activity.sink", "jsonl");
            assertEquals("jsonl", resolve(Map.of(), Map.of(), system, Map.of(), NO_FILE).get(Option.SINK));
            assertThrows(UnknownOptionException.class, () -> ActivityOptions.setJvmDefault("activity.snk", "none"));
        } finally {
            ActivityOptions.setJvmDefault("activity.sink", before);
        }
        assertEquals(before, ActivityOptions.jvmDefault("activity.sink"));
    }

    @Test
    void anUnknownKeyInTheUrlOrThePropertiesIsAnErrorNamingItsSourceAndTheNearestValidKey() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
                () -> resolve(Map.of("activity.kinesis.strem", "x"), Map.of(), new Properties(), Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("'activity.kinesis.strem'"), e.getMessage());
        assertTrue(e.getMessage().contains("the URL"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'activity.kinesis.stream'"), e.getMessage());
        assertEquals("HY092", e.getSQLState());
        assertInstanceOf(SQLNonTransientConnectionException.class, e);

        e = assertThrows(UnknownOptionException.class,
                () -> resolve(Map.of(), Map.of("activity.snk", "none"), new Properties(), Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("the connection properties"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'activity.sink'"), e.getMessage());
    }

    @Test
    void anUnknownSystemPropertyIsOneWarningNeverAnError() throws Exception {
        String typo = "activity.snk" + UNIQUE.incrementAndGet();
        String foreign = "activity.somethingUnknown" + UNIQUE.incrementAndGet();
        Properties system = new Properties();
        system.setProperty(typo, "none");
        system.setProperty(foreign, "x");
        system.setProperty("activity.sink", "jsonl");
        for (int i = 0; i < 3; i++) {
            ActivityOptions o = resolve(Map.of(), Map.of(), system, Map.of(), NO_FILE);
            assertEquals("jsonl", o.get(Option.SINK), "the known ones still apply");
        }
        List<String> said = warningsAbout(typo);
        assertEquals(1, said.size(), "once per key, not per connect: " + said);
        assertTrue(said.get(0).contains("a system property"), said.get(0));
        assertEquals(1, warningsAbout(foreign).size());
        assertFalse(warningsAbout(foreign).get(0).contains("did you mean"),
                "a key far from every option gets no misleading suggestion: " + warningsAbout(foreign));

        // a known key with a bad value is ours, wherever it is set
        Properties bad = new Properties();
        bad.setProperty("activity.queue.capacity", "0");
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> resolve(Map.of(), Map.of(), bad, Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("a system property"), e.getMessage());
    }

    @Test
    void anUnknownEnvironmentVariableIsOneWarningNamingTheNearestVariable() throws Exception {
        String name = "ACTIVITY_KINESIS_STREEM" + UNIQUE.incrementAndGet() % 10;
        Map<String, String> env = Map.of(name, "s", "ACTIVITY_SINK", "none", "PATH", "/bin");
        for (int i = 0; i < 2; i++) {
            assertEquals("none", resolve(Map.of(), Map.of(), new Properties(), env, NO_FILE).get(Option.SINK));
        }
        List<String> said = warningsAbout(name);
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).contains("did you mean 'ACTIVITY_KINESIS_STREAM'"), said.get(0));
    }

    @Test
    void anUnknownKeyInTheClasspathFileIsAWarning(@TempDir Path dir) throws IOException, OptionException {
        String unprefixed = "sink" + UNIQUE.incrementAndGet();
        Files.writeString(dir.resolve("activity.properties"), unprefixed + "=jsonl\nactivity.application=app\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            ActivityOptions o = resolve(Map.of(), Map.of(), new Properties(), Map.of(), loader);
            assertEquals("app", o.get(Option.APPLICATION));
            List<String> said = warningsAbout(unprefixed);
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).contains("activity.properties"), said.get(0));
        }
    }

    @Test
    void badChoicesAreNamed() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> url("activity.sink", "kafka"));
        assertTrue(e.getMessage().contains("activity.sink=kafka") && e.getMessage().contains("kinesis, jsonl, none"),
                e.getMessage());
        assertEquals("HY024", e.getSQLState());
        e = assertThrows(InvalidOptionException.class, () -> url("activity.kinesis.gzip", "yes"));
        assertTrue(e.getMessage().contains("true, false"), e.getMessage());
    }

    /** The ranges asked for by the issue, spelled out: the loop below only checks each against itself. */
    @Test
    void theRangesThatMatter() throws Exception {
        assertRefused("activity.queue.capacity", "2147483647", "2..1,048,576");
        assertRefused("activity.queue.capacity", String.valueOf(1 << 30), "2..1,048,576");
        assertRefused("activity.queue.capacity", "1", "2..1,048,576");
        assertEquals(1 << 20, url("activity.queue.capacity", "1048576").getInt(Option.QUEUE_CAPACITY));
        assertRefused("activity.kinesis.maxInFlight", "0", "1..64");
        assertRefused("activity.kinesis.maxInFlight", "65", "1..64");
        assertRefused("activity.kinesis.maxBufferBytes", String.valueOf((1 << 20) - 1), "1,048,576..");
        assertRefused("activity.queue.capacity", "-3", "2..1,048,576");
        assertRefused("activity.queue.capacity", "99999999999999999999999", "out of range");
        assertRefused("activity.queue.capacity", "lots", "not a whole number");
        assertRefused("activity.queue.capacity", "1e6", "not a whole number");
        assertRefused("activity.shutdown.idleMs", "5", "0 (never) or 100..");
        assertEquals(0, url("activity.shutdown.idleMs", "0").getInt(Option.SHUTDOWN_IDLE_MS));
    }

    @Test
    void everyNumericOptionRefusesBothSidesOfItsRangeAndTakesBothEnds() throws Exception {
        int numeric = 0;
        for (Option o : Option.values()) {
            if (o.allowed() instanceof Allowed.Range r) {
                numeric++;
                String range = Allowed.number(r.min()) + ".." + Allowed.number(r.max());
                assertRefused(o.key(), String.valueOf(r.min() - 1), range);
                assertRefused(o.key(), String.valueOf(r.max() + 1), range);
                assertEquals(r.min(), url(o.key(), String.valueOf(r.min())).getLong(o), o.key());
                assertEquals(r.max(), url(o.key(), String.valueOf(r.max())).getLong(o), o.key());
                // read with getInt, but for the one read with getLong (a disk size)
                assertTrue(r.max() <= Integer.MAX_VALUE || o == Option.SPOOL_MAX_BYTES, o.key() + ": read with getInt");
            }
        }
        assertTrue(numeric >= 13, "every numeric option has a range: " + numeric);
    }

    private static void assertRefused(String key, String value, String saying) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> url(key, value), key + "=" + value);
        assertTrue(e.getMessage().startsWith(key + "=" + value + " (from the URL)"), e.getMessage());
        assertTrue(e.getMessage().contains(saying), e.getMessage());
        assertEquals("HY024", e.getSQLState());
        assertInstanceOf(OptionException.class, e);
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        String why = e.getMessage().substring(e.getMessage().indexOf(". ") + 2);
        assertTrue(why.length() > 30, "the message says why the range is what it is: " + e.getMessage());
    }

    @Test
    void anEmptyJsonlPathIsAnErrorThatSaysHowToWriteStandardOutput() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> url("activity.jsonl.path", ""));
        assertTrue(e.getMessage().startsWith("activity.jsonl.path is empty (from the URL)"), e.getMessage());
        assertTrue(e.getMessage().contains("activity.jsonl.path=-"), e.getMessage());
        assertEquals("HY024", e.getSQLState());
        assertThrows(InvalidOptionException.class, () -> url("activity.jsonl.path", "  "), "blank is empty");
    }

    @Test
    void anEmptyValueOfAnyOtherOptionIsItsDefaultOverridingLowerSources() throws Exception {
        Properties system = new Properties();
        system.setProperty("activity.queue.capacity", "64");
        system.setProperty("activity.kinesis.region", "eu-west-1");
        ActivityOptions o = resolve(Map.of("activity.queue.capacity", "", "activity.kinesis.region", ""), Map.of(),
                system, Map.of(), NO_FILE);
        assertEquals(16384, o.getInt(Option.QUEUE_CAPACITY));
        assertEquals(null, o.get(Option.KINESIS_REGION));
        for (Option opt : Option.values()) {
            if (opt != Option.JSONL_PATH) {
                assertEquals(opt.defaultValue(), url(opt.key(), "").get(opt), opt.key());
            }
        }
    }

    @Test
    void differentSinkSettingsGetDifferentPublishers() throws Exception {
        ActivityOptions a = resolve(Map.of("activity.sink", "jsonl", "activity.jsonl.path", "/a"), Map.of(),
                new Properties(), Map.of(), NO_FILE);
        ActivityOptions b = resolve(Map.of("activity.sink", "jsonl", "activity.jsonl.path", "/b"), Map.of(),
                new Properties(), Map.of(), NO_FILE);
        ActivityOptions a2 = resolve(Map.of(), Map.of("activity.sink", "jsonl", "activity.jsonl.path", "/a"),
                new Properties(), Map.of(), NO_FILE);
        assertNotEquals(a.publisherKey(), b.publisherKey());
        assertEquals(a.publisherKey(), a2.publisherKey());
    }
}
