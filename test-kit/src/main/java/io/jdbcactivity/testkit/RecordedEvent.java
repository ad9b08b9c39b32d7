package io.jdbcactivity.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One event as the stream would carry it, read back from its JSON (what a test asserts on is what
 * production publishes). Accessors name the event's fields; {@link #json()} has the rest.
 */
public final class RecordedEvent {
    /** A table the statement touched, and how ({@code READ}, {@code INSERT}, {@code UPDATE}, {@code DELETE}…). */
    public record TableAccess(String name, String access) {
        /** Whether this is {@code table}, named with or without its schema, in any case. */
        public boolean is(String table) {
            return matches(name, table);
        }

        public boolean isWrite() {
            return !"READ".equals(access);
        }
    }

    private final JsonNode json;
    private final long threadId;
    private final List<TableAccess> tables;
    private final List<String> risks;

    RecordedEvent(JsonNode json, long threadId) {
        this.json = json;
        this.threadId = threadId;
        List<TableAccess> t = new ArrayList<>();
        for (JsonNode n : audit().path("tables")) {
            t.add(new TableAccess(n.path("name").asText(), n.path("access").asText()));
        }
        this.tables = List.copyOf(t);
        List<String> r = new ArrayList<>();
        for (JsonNode n : audit().path("risk")) {
            r.add(n.asText());
        }
        this.risks = List.copyOf(r);
    }

    private JsonNode audit() {
        return json.path("clientAuditFields");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static Long number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asLong();
    }

    /** The whole event. */
    public JsonNode json() {
        return json;
    }

    /** The id of the application thread that ran it. */
    public long threadId() {
        return threadId;
    }

    /** {@code READ}, {@code WRITE}, {@code DDL}, {@code ROLE}, {@code FUNCTION}, {@code MISC}, {@code CONNECT}. */
    public String eventClass() {
        return text(json.get("class"));
    }

    /** The command as MySQL names it: {@code SELECT}, {@code INSERT}, {@code COMMIT}, {@code CONNECT}… */
    public String command() {
        return text(json.get("command"));
    }

    /** The text as published: by default normalized, every literal {@code ?}. */
    public String commandText() {
        return text(json.get("commandText"));
    }

    /** The statement's shape: the same for any literals, spacing, comments, case and IN-list length. */
    public String digest() {
        return text(audit().get("sqlDigest"));
    }

    public List<TableAccess> tables() {
        return tables;
    }

    /** Risk flags: {@code UPDATE_WITHOUT_WHERE}, {@code DELETE_WITHOUT_WHERE}, {@code DROP}, {@code TRUNCATE}… */
    public List<String> risks() {
        return risks;
    }

    /** {@code STATEMENT}, {@code PREPARED}, {@code CALLABLE}, {@code CONNECTION} or {@code DRIVER}. */
    public String statementKind() {
        return text(audit().get("statementKind"));
    }

    public String executeMethod() {
        return text(audit().get("executeMethod"));
    }

    public String connectionId() {
        return text(audit().get("connectionId"));
    }

    public long sequence() {
        return audit().path("sequence").asLong();
    }

    public long transactionId() {
        return json.path("transactionId").asLong();
    }

    public boolean autoCommit() {
        return audit().path("autoCommit").asBoolean();
    }

    /** Where the application issued it ({@code class.method(File:line)}), when call sites are taken. */
    public String callSite() {
        return text(audit().get("callSite"));
    }

    /** 0 when it succeeded, the error code when it failed; null when it never ran. */
    public Long exitCode() {
        return number(json.get("exitCode"));
    }

    public boolean failed() {
        Long code = exitCode();
        return code != null && code != 0;
    }

    public String errorMessage() {
        return text(json.get("errorMessage"));
    }

    public Long rowsAffected() {
        return number(audit().get("rowsAffected"));
    }

    public Long rowsReturned() {
        return number(audit().get("rowsReturned"));
    }

    /** Rows or statements of a batch; null when not a batch. */
    public Long batchSize() {
        return number(audit().path("batch").get("size"));
    }

    /** A statement the application ran (not a connection event or a driver's own lookup). */
    public boolean isStatement() {
        String kind = statementKind();
        return "STATEMENT".equals(kind) || "PREPARED".equals(kind) || "CALLABLE".equals(kind);
    }

    public boolean touches(String table) {
        return tables.stream().anyMatch(t -> t.is(table));
    }

    public boolean reads(String table) {
        return tables.stream().anyMatch(t -> t.is(table) && !t.isWrite());
    }

    public boolean writes(String table) {
        return tables.stream().anyMatch(t -> t.is(table) && t.isWrite());
    }

    /** What the snapshot and the failure messages show of it: the text, or the command of an event without one. */
    public String shown() {
        String text = commandText();
        String shown = text != null ? text : "-- " + command() + (isStatement() ? "" : " (" + executeMethod() + ")");
        return batchSize() != null ? shown + " -- batch" : shown;
    }

    @Override
    public String toString() {
        String site = callSite();
        return shown() + (failed() ? "  [failed " + exitCode() + "]" : "")
                + (site != null ? "  at " + site : "");
    }

    static boolean matches(String name, String table) {
        String n = name.toLowerCase(Locale.ROOT);
        String t = table.toLowerCase(Locale.ROOT);
        return n.equals(t) || n.endsWith("." + t); // "orders" names shop.orders too; "shop.orders" only it
    }
}
