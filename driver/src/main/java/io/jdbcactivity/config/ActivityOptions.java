package io.jdbcactivity.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The resolved {@code activity.*} options of one connection. Sources, highest precedence first: the
 * URL query, the connection {@link Properties}, system properties, the environment and an
 * {@code activity.properties} file on the class path. Each pool or web application can therefore
 * differ: nothing here is global to the JVM.
 */
public final class ActivityOptions {
    /** Class-path resource read as the lowest-precedence source. */
    public static final String CLASSPATH_FILE = "activity.properties";

    private final Map<Option, String> values;

    private ActivityOptions(Map<Option, String> values) {
        this.values = values;
    }

    /** Defaults only: what a connection gets when nothing is configured. */
    public static ActivityOptions defaults() {
        return new ActivityOptions(new EnumMap<>(Option.class));
    }

    /**
     * Resolves the options. {@code fromUrl} and {@code fromProperties} hold only {@code activity.*}
     * keys; unknown keys in any source are an {@link UnknownOptionException} that names the nearest
     * valid key.
     */
    public static ActivityOptions resolve(Map<String, String> fromUrl, Map<String, String> fromProperties,
            Properties system, Function<String, String> environment, ClassLoader classLoader) throws UnknownOptionException {
        Map<Option, String> values = new EnumMap<>(Option.class);
        // Lowest precedence first, so each later source overwrites.
        putAll(values, classpathFile(classLoader), "the class-path file " + CLASSPATH_FILE);
        for (Option o : Option.values()) {
            String v = environment.apply(o.environmentVariable());
            if (v != null) {
                values.put(o, v);
            }
        }
        putAll(values, activityKeys(system), "a system property");
        putAll(values, fromProperties, "the connection properties");
        putAll(values, fromUrl, "the URL");
        ActivityOptions options = new ActivityOptions(values);
        options.validate();
        return options;
    }

    /** The {@code activity.*} entries of a {@link Properties}, as strings. */
    public static Map<String, String> activityKeys(Properties properties) {
        if (properties == null || properties.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (Option.isActivityKey(name)) {
                out.put(name, properties.getProperty(name));
            }
        }
        return out;
    }

    private static void putAll(Map<Option, String> values, Map<String, String> source, String where)
            throws UnknownOptionException {
        for (Map.Entry<String, String> e : source.entrySet()) {
            Option o = Option.forKey(e.getKey());
            if (o == null) {
                throw new UnknownOptionException("Unknown jdbc-activity option '" + e.getKey() + "' in " + where
                        + "; did you mean '" + NearestKey.of(e.getKey()) + "'?");
            }
            values.put(o, e.getValue() == null ? null : e.getValue().trim());
        }
    }

    private static Map<String, String> classpathFile(ClassLoader loader) throws UnknownOptionException {
        URL url = loader == null ? null : loader.getResource(CLASSPATH_FILE);
        if (url == null) {
            url = ActivityOptions.class.getClassLoader().getResource(CLASSPATH_FILE);
        }
        if (url == null) {
            return Collections.emptyMap();
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        // Every key of this file is ours; one without the prefix is still a mistake worth naming.
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!Option.isActivityKey(name)) {
                throw new UnknownOptionException("Unknown jdbc-activity option '" + name + "' in " + url
                        + "; did you mean '" + NearestKey.of(name) + "'?");
            }
            out.put(name, p.getProperty(name));
        }
        return out;
    }

    private void validate() throws UnknownOptionException {
        String sink = get(Option.SINK);
        if (!sink.equals("kinesis") && !sink.equals("jsonl") && !sink.equals("none")) {
            throw new UnknownOptionException("Unknown value '" + sink + "' for " + Option.SINK.key()
                    + "; expected kinesis, jsonl or none");
        }
        oneOf(Option.OVERFLOW, "drop-newest", "drop-oldest", "block");
        oneOf(Option.COMMAND_TEXT, "normalized", "full", "none");
        oneOf(Option.PARAMETERS, "none", "redacted", "hashed", "full");
        oneOf(Option.KINESIS_GZIP, "true", "false");
        for (Option o : new Option[] {Option.QUEUE_CAPACITY, Option.QUEUE_MAX_SQL_CHARS, Option.SHUTDOWN_TIMEOUT_MS, Option.OVERFLOW_BLOCK_MS,
            Option.HEARTBEAT_INTERVAL_MS, Option.KINESIS_LINGER_MS, Option.KINESIS_MAX_BUFFER_BYTES,
            Option.KINESIS_RECORD_TTL_MS, Option.KINESIS_MAX_IN_FLIGHT, Option.KINESIS_REQUEST_TIMEOUT_MS,
            Option.KINESIS_CONNECT_TIMEOUT_MS, Option.KINESIS_CONFIG_RETRY_MS, Option.KINESIS_MAX_KEYS_PER_CONNECTION, Option.KINESIS_KEY_BYTES_PER_SECOND}) {
            positiveInt(o);
        }
    }

    /** Checks what only a connection needs (getPropertyInfo works without it). */
    public void requireComplete() throws UnknownOptionException {
        if (get(Option.SINK).equals("kinesis") && get(Option.KINESIS_STREAM) == null) {
            throw new UnknownOptionException("The kinesis sink needs a stream: set " + Option.KINESIS_STREAM.key()
                    + " (or " + Option.KINESIS_STREAM.environmentVariable() + "), or choose " + Option.SINK.key()
                    + "=jsonl or none");
        }
    }

    private void oneOf(Option o, String... allowed) throws UnknownOptionException {
        String v = get(o);
        if (!java.util.Arrays.asList(allowed).contains(v)) {
            throw new UnknownOptionException("Unknown value '" + v + "' for " + o.key() + "; expected "
                    + String.join(", ", allowed));
        }
    }

    private void positiveInt(Option o) throws UnknownOptionException {
        String v = get(o);
        try {
            if (Integer.parseInt(v) > 0) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new UnknownOptionException("Value '" + v + "' for " + o.key() + " is not a positive whole number");
    }

    /** The value, or the option's default (which may be null). */
    public String get(Option o) {
        String v = values.get(o);
        return v == null || v.isEmpty() ? o.defaultValue() : v;
    }

    public int getInt(Option o) {
        return Integer.parseInt(get(o));
    }

    public boolean getBoolean(Option o) {
        return Boolean.parseBoolean(get(o));
    }

    /** The options that decide which publisher a connection shares; equal keys share one publisher. */
    public String publisherKey() {
        // Every option but the application name shapes the publisher or its sink.
        StringBuilder sb = new StringBuilder();
        for (Option o : Option.values()) {
            if (o != Option.APPLICATION) {
                sb.append(o.ordinal()).append('=').append(get(o)).append('|');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ActivityOptions" + values;
    }
}
