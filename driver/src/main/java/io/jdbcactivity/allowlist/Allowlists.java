package io.jdbcactivity.allowlist;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.InvalidOptionException;
import io.jdbcactivity.config.Option;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the list {@code activity.allowlist} names (a path, or {@code classpath:resource}) when a
 * connection opens, once per content: a file is read again only when its size or modification
 * time changed, a class-path resource once per URL. A list that cannot be read or holds a line that
 * is no entry refuses the connection ({@link InvalidOptionException}, SQLState {@code HY024}): the
 * option's value names no usable list, and it will not until the configuration or the file
 * changes; running on without it would turn protection off unnoticed.
 */
public final class Allowlists {
    public static final String CLASSPATH = "classpath:";

    private record Loaded(Allowlist list, long size, long modified) {
    }

    /** By location and mode, as configured; bounded by the configurations an application has. */
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private Allowlists() {
    }

    /** The connection's list, read or re-read if needed; null when {@code activity.allowlist} is not set. */
    public static Allowlist load(ActivityOptions options) throws InvalidOptionException {
        String location = options.get(Option.ALLOWLIST);
        boolean protect = options.get(Option.ALLOWLIST_MODE).equals("protect");
        if (location == null) {
            if (protect) {
                throw new InvalidOptionException(Option.ALLOWLIST_MODE.key() + "=protect needs "
                        + Option.ALLOWLIST.key() + " (a file or classpath:resource listing the statement digests "
                        + "allowed): without a list every statement would be refused.");
            }
            return null;
        }
        String key = (protect ? "protect|" : "detect|") + location;
        try {
            if (location.startsWith(CLASSPATH)) {
                return fromClassPath(key, location, protect);
            }
            return fromFile(key, location, protect);
        } catch (IOException | InvalidPathException e) {
            throw new InvalidOptionException("jdbc-activity cannot read its allowlist (" + Option.ALLOWLIST.key()
                    + "=" + location + "): " + describe(e) + ". Record one with " + Option.ALLOWLIST_RECORD.key()
                    + "=<file>, or remove " + Option.ALLOWLIST.key() + ".");
        }
    }

    private static Allowlist fromFile(String key, String location, boolean protect) throws IOException {
        Path path = Path.of(location);
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        long size = attrs.size();
        long modified = attrs.lastModifiedTime().toMillis();
        Loaded l = LOADED.get(key);
        if (l != null && l.size == size && l.modified == modified) {
            return l.list;
        }
        try (InputStream in = Files.newInputStream(path)) {
            Allowlist list = new Allowlist(Set.copyOf(AllowlistFile.read(in).keySet()), protect, location);
            LOADED.put(key, new Loaded(list, size, modified));
            return list;
        }
    }

    private static Allowlist fromClassPath(String key, String location, boolean protect) throws IOException {
        String name = location.substring(CLASSPATH.length());
        name = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL url = context == null ? null : context.getResource(name);
        if (url == null) {
            url = Allowlists.class.getClassLoader().getResource(name);
        }
        if (url == null) {
            throw new java.io.FileNotFoundException("no resource " + name + " on the class path");
        }
        String urlKey = key + "|" + url;
        Loaded l = LOADED.get(urlKey);
        if (l != null) {
            return l.list;
        }
        try (InputStream in = url.openStream()) {
            Allowlist list = new Allowlist(Set.copyOf(AllowlistFile.read(in).keySet()), protect, location);
            LOADED.put(urlKey, new Loaded(list, -1, -1));
            return list;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
