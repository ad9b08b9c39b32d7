package io.jdbcactivity.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resolved {@code activity.*} options of one connection. Sources, highest precedence first: the
 * URL query, the connection {@link Properties}, system properties, the environment and an
 * {@code activity.properties} file on the class path. Each pool or web application can therefore
 * differ: nothing here is global to the JVM.
 *
 * <p>Every value is checked against what its option {@linkplain Option#allowed() allows} when the
 * options are resolved, so a bad value fails the connect that names it, not a thread later.
 */
public final class ActivityOptions {
    /** Class-path resource read as the lowest-precedence source. */
    public static final String CLASSPATH_FILE = "activity.properties";

    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");
    /** Unknown keys of shared sources already warned about: once per key per JVM (per driver copy). */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** Where the environment's variables start; {@code ACTIVITY_KINESIS_STREAM} is {@code activity.kinesis.stream}. */
    private static final String ENVIRONMENT_PREFIX = "ACTIVITY_";

    /** A value as given, and where it came from (said in every message about it). */
    private record Value(String text, String source) {
    }

    private final Map<Option, Value> values;

    private ActivityOptions(Map<Option, Value> values) {
        this.values = values;
    }

    /** Defaults set for the whole JVM, below every configured source: see {@link #setJvmDefault}. */
    private static final Map<Option, String> JVM_DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Sets (or, with null, removes) a JVM-wide default for an option, below {@code activity.properties},
     * the environment, system properties, the connection's properties and its URL: what a test kit
     * uses to make {@code none} the default sink without overriding anything configured.
     *
     * @throws UnknownOptionException when the key names no option
     */
    public static void setJvmDefault(String key, String value) throws UnknownOptionException {
        Option o = Option.forKey(key);
        if (o == null) {
            throw new UnknownOptionException("Unknown jdbc-activity option '" + key + "'; did you mean '"
                    + NearestKey.of(key) + "'?");
        }
        if (value == null) {
            JVM_DEFAULTS.remove(o);
        } else {
            JVM_DEFAULTS.put(o, value);
        }
    }

    /** The JVM-wide default set for {@code key}, or null. */
    public static String jvmDefault(String key) {
        Option o = Option.forKey(key);
        return o == null ? null : JVM_DEFAULTS.get(o);
    }

    /** Defaults only: what a connection gets when nothing is configured. */
    public static ActivityOptions defaults() {
        return new ActivityOptions(new EnumMap<>(Option.class));
    }

    /**
     * Resolves the options. {@code fromUrl} and {@code fromProperties} hold only {@code activity.*}
     * keys; an unknown key there is an {@link UnknownOptionException} that names the nearest valid
     * key. System properties, the environment and the class-path file are shared with other
     * software, which may own an {@code activity.*} name of its own: an unknown key there is a
     * warning, logged once per key. A value an option does not take is an
     * {@link InvalidOptionException}, wherever it comes from.
     */
    public static ActivityOptions resolve(Map<String, String> fromUrl, Map<String, String> fromProperties,
            Properties system, Map<String, String> environment, ClassLoader classLoader) throws OptionException {
        Map<Option, Value> values = new EnumMap<>(Option.class);
        // Lowest precedence first, so each later source overwrites.
        JVM_DEFAULTS.forEach((o, text) -> put(values, o, text, "a JVM-wide default"));
        classpathFile(values, classLoader);
        environment(values, environment);
        putShared(values, activityKeys(system), "a system property");
        putOwn(values, fromProperties, "the connection properties");
        putOwn(values, fromUrl, "the URL");
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

    /** The URL and the connection properties: given for this connection, so an unknown key is a mistake. */
    private static void putOwn(Map<Option, Value> values, Map<String, String> source, String where)
            throws UnknownOptionException {
        for (Map.Entry<String, String> e : source.entrySet()) {
            Option o = Option.forKey(e.getKey());
            if (o == null) {
                throw new UnknownOptionException("Unknown jdbc-activity option '" + e.getKey() + "' in " + where
                        + "; did you mean '" + NearestKey.of(e.getKey()) + "'?");
            }
            put(values, o, e.getValue(), where);
        }
    }

    /** A source other software shares: unknown keys are warned about and skipped. */
    private static void putShared(Map<Option, Value> values, Map<String, String> source, String where) {
        for (Map.Entry<String, String> e : source.entrySet()) {
            Option o = Option.forKey(e.getKey());
            if (o == null) {
                warnUnknown(e.getKey(), NearestKey.close(e.getKey()), where);
            } else {
                put(values, o, e.getValue(), where);
            }
        }
    }

    private static void put(Map<Option, Value> values, Option o, String text, String where) {
        if (text != null) {
            values.put(o, new Value(text.trim(), where));
        }
    }

    /** {@code ACTIVITY_*} variables: those of an option are read, any other is warned about. */
    private static void environment(Map<Option, Value> values, Map<String, String> environment) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (name == null || !name.startsWith(ENVIRONMENT_PREFIX)) {
                continue;
            }
            Option o = Option.forEnvironmentVariable(name);
            if (o == null) {
                String nearest = NearestKey.close(name.toLowerCase(Locale.ROOT).replace('_', '.'));
                warnUnknown(name, nearest == null ? null : Option.forKey(nearest).environmentVariable(),
                        "the environment");
            } else {
                put(values, o, e.getValue(), "the environment (" + name + ")");
            }
        }
    }

    private static void classpathFile(Map<Option, Value> values, ClassLoader loader) {
        URL url = loader == null ? null : loader.getResource(CLASSPATH_FILE);
        if (url == null) {
            url = ActivityOptions.class.getClassLoader().getResource(CLASSPATH_FILE);
        }
        if (url == null) {
            return;
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            entries.put(name, p.getProperty(name));
        }
        putShared(values, entries, "the class-path file " + url);
    }

    /**
     * One warning per unknown key per JVM: a key of other software set for the whole JVM would
     * otherwise be reported at every connect.
     *
     * @param nearest the option it may be a misspelling of, or null
     */
    private static void warnUnknown(String key, String nearest, String where) {
        if (key.startsWith("activity.snapshots.") || !WARNED.add(key)) {
            return; // activity.snapshots.*: the test kit's own system properties, not the driver's
        }
        LOG.log(System.Logger.Level.WARNING, "jdbc-activity: ignoring '" + key + "' in " + where
                + ": it is no jdbc-activity option" + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                + ". Other software may own it, so it is not an error; this is said once.");
    }

    /** Each explicitly given value against what its option allows. Defaults are checked by the tests. */
    private void validate() throws InvalidOptionException {
        for (Map.Entry<Option, Value> e : values.entrySet()) {
            Option o = e.getKey();
            Value v = e.getValue();
            if (v.text().isEmpty()) {
                o.allowed().checkEmpty(o, v.source());
            } else {
                o.allowed().check(o, v.text(), v.source());
            }
        }
    }

    /**
     * Checks what only a connection needs ({@code getPropertyInfo} works without it). Called once the
     * target driver is known: a URL no driver accepts is reported as such, not as a missing stream.
     */
    public void requireComplete() throws OptionException {
        if (get(Option.DELIVERY).equals("sync") && get(Option.SPOOL_DIR) == null) {
            throw new MissingOptionException("Set " + Option.SPOOL_DIR.key() + " to a local directory: "
                    + Option.DELIVERY.key() + "=sync makes each execution wait until its event is durable in the "
                    + "spool, and there is none.");
        }
        if (get(Option.SPOOL_DIR) != null && !get(Option.SINK).equals("kinesis")) {
            throw new InvalidOptionException(Option.SPOOL_DIR.key() + " is for the kinesis sink (" + Option.SINK.key()
                    + " is " + get(Option.SINK) + "): the jsonl sink writes its own file, and none keeps nothing.");
        }
        if (get(Option.SINK).equals("kinesis") && get(Option.KINESIS_STREAM) == null) {
            throw new MissingOptionException("Set " + Option.KINESIS_STREAM.key() + " (or the environment variable "
                    + Option.KINESIS_STREAM.environmentVariable() + ") to the Kinesis data stream's name or ARN: "
                    + "the kinesis sink needs a stream.\n" + Option.SINK.key() + " is "
                    + (values.containsKey(Option.SINK) ? "kinesis" : "kinesis (the default)")
                    + "; to write a file or nothing instead, set " + Option.SINK.key() + "=jsonl or none.");
        }
    }

    /** The value, or the option's default (which may be null); an explicitly empty value is the default. */
    public String get(Option o) {
        Value v = values.get(o);
        return v == null || v.text().isEmpty() ? o.defaultValue() : v.text();
    }

    /** A whole-number option; its range (see {@link Option}) keeps the ones read here within an int. */
    public int getInt(Option o) {
        return Integer.parseInt(get(o));
    }

    public long getLong(Option o) {
        return Long.parseLong(get(o));
    }

    public boolean getBoolean(Option o) {
        return Boolean.parseBoolean(get(o));
    }

    /** The options that decide which publisher a connection shares; equal keys share one publisher. */
    public String publisherKey() {
        // Every option but the application name shapes the publisher or its sink, and
        // driverStatements, the call-site options and the allowlist, which only the connection reads
        // (what it captures and refuses, not how it is sent; the capture carries its list to the publisher).
        StringBuilder sb = new StringBuilder();
        for (Option o : Option.values()) {
            if (o != Option.APPLICATION && o != Option.DRIVER_STATEMENTS && o != Option.CALL_SITE
                    && o != Option.CALL_SITE_SKIP && o != Option.ALLOWLIST && o != Option.ALLOWLIST_MODE) {
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
