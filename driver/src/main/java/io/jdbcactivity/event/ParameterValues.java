package io.jdbcactivity.event;

import io.jdbcactivity.capture.Parameters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.JDBCType;
import java.util.HexFormat;

/**
 * Writes a parameter set: count and SQL type names always; with {@code activity.parameters=hashed}
 * a SHA-256 of each value (equal values, equal hashes: joins across events without the value;
 * low-entropy values can be guessed from their hash, which the README says), with {@code full} the
 * values themselves, cut at 1,024 characters. Binary values are described, never published.
 */
final class ParameterValues {
    static final int MAX_VALUE_CHARS = 1024;

    private ParameterValues() {
    }

    static void write(JsonWriter json, Parameters.ParameterSet p) {
        write(json, p, 0);
    }

    /** With {@code rows} > 0: the set stands for that many consecutive batch rows ({@code "rows"}). */
    static void write(JsonWriter json, Parameters.ParameterSet p, int rows) {
        json.beginObject();
        if (rows > 0) {
            json.field("rows", rows);
        }
        json.field("count", p.types().length);
        json.name("types").beginArray();
        for (int type : p.types()) {
            json.value(typeName(type));
        }
        json.endArray();
        if (p.values() != null) {
            json.name("values").beginArray();
            for (Object v : p.values()) {
                json.value(published(v, p.hashed()));
            }
            json.endArray();
        }
        json.endObject();
    }

    /** DAS {@code paramList}: the values as published (hashed or full), or null when values are not kept. */
    static void paramList(JsonWriter json, Parameters.ParameterSet p) {
        json.name("paramList");
        if (p == null || p.values() == null) {
            json.nullValue();
            return;
        }
        json.beginArray();
        for (Object v : p.values()) {
            json.value(published(v, p.hashed()));
        }
        json.endArray();
    }

    /** Type names by {@link java.sql.Types} number, built once: JDBCType.valueOf walks every constant per call. */
    private static final java.util.Map<Integer, String> TYPE_NAMES = typeNames();

    private static java.util.Map<Integer, String> typeNames() {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        for (JDBCType t : JDBCType.values()) {
            names.put(t.getVendorTypeNumber(), t.getName());
        }
        return java.util.Map.copyOf(names);
    }

    static String typeName(int type) {
        String name = TYPE_NAMES.get(type);
        return name != null ? name : "VENDOR(" + type + ")";
    }

    private static String published(Object v, boolean hashed) {
        String text = text(v);
        if (text == null || !hashed) {
            return text;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return "<binary " + b.length + " bytes>";
        }
        String s = String.valueOf(v);
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) : s;
    }
}
