package io.jdbcactivity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityOptionsTest {
    private static final ClassLoader NO_FILE = new URLClassLoader(new URL[0], null);

    private static ActivityOptions resolve(Map<String, String> url, Map<String, String> props, Properties system,
            Map<String, String> env, ClassLoader loader) throws UnknownOptionException {
        return ActivityOptions.resolve(url, props, system, env::get, loader);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() throws Exception {
        ActivityOptions incomplete = resolve(Map.of(), Map.of(), new Properties(), Map.of(), NO_FILE);
        UnknownOptionException e = assertThrows(UnknownOptionException.class, incomplete::requireComplete);
        assertTrue(e.getMessage().contains("activity.kinesis.stream") && e.getMessage().contains("ACTIVITY_KINESIS_STREAM"),
                e.getMessage());
        ActivityOptions o = resolve(Map.of(), Map.of(), new Properties(), Map.of("ACTIVITY_KINESIS_STREAM", "s"), NO_FILE);
        assertEquals("kinesis", o.get(Option.SINK));
        assertEquals("-", o.get(Option.JSONL_PATH));
        assertEquals(16384, o.getInt(Option.QUEUE_CAPACITY));
        assertEquals("drop-newest", o.get(Option.OVERFLOW));
        assertEquals(100, o.getInt(Option.KINESIS_LINGER_MS));
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
    void anUnknownKeyNamesItselfItsSourceAndTheNearestValidKey() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
                () -> resolve(Map.of("activity.kinesis.strem", "x"), Map.of(), new Properties(), Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("'activity.kinesis.strem'"), e.getMessage());
        assertTrue(e.getMessage().contains("the URL"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'activity.kinesis.stream'"), e.getMessage());
        assertEquals("08001", e.getSQLState());

        Properties system = new Properties();
        system.setProperty("activity.snk", "none");
        e = assertThrows(UnknownOptionException.class,
                () -> resolve(Map.of(), Map.of(), system, Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("did you mean 'activity.sink'"), e.getMessage());
    }

    @Test
    void anUnknownKeyInTheClasspathFileIsAnErrorToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("activity.properties"), "sink=jsonl\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            UnknownOptionException e = assertThrows(UnknownOptionException.class,
                    () -> resolve(Map.of(), Map.of(), new Properties(), Map.of(), loader));
            assertTrue(e.getMessage().contains("did you mean 'activity.sink'"), e.getMessage());
        }
    }

    @Test
    void badValuesAreNamed() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
                () -> resolve(Map.of("activity.sink", "kafka"), Map.of(), new Properties(), Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("'kafka'") && e.getMessage().contains("kinesis, jsonl or none"));
        e = assertThrows(UnknownOptionException.class, () -> resolve(Map.of("activity.queue.capacity", "-3"),
                Map.of(), new Properties(), Map.of(), NO_FILE));
        assertTrue(e.getMessage().contains("activity.queue.capacity"), e.getMessage());
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
