package io.jdbcactivity.event;

import io.jdbcactivity.analyze.Commands;
import io.jdbcactivity.analyze.SqlText;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import java.sql.SQLException;

/**
 * Turns a {@link Capture} into one event JSON object (see {@code activity-event.schema.json}).
 * Runs on the publisher thread only; reuses one buffer. SQL analysis happens here, never on the
 * application's thread.
 */
public final class EventEncoder {
    private final StringBuilder buffer = new StringBuilder(1024);
    private final JsonWriter json = new JsonWriter(buffer);
    private final WallClock clock;

    public EventEncoder() {
        this(new WallClock());
    }

    public EventEncoder(WallClock clock) {
        this.clock = clock;
    }

    /** Characters of commandText kept in an event trimmed to fit its sink. */
    static final int TRIMMED_TEXT_CHARS = 1024;

    /** The event for {@code c}; the returned sequence is valid until the next call. */
    public CharSequence encode(Capture c, long logEpochMillis) {
        return encode(c, logEpochMillis, false);
    }

    /**
     * The event for {@code c}; when {@code trim}, the commandText is cut to its head and batch
     * statements are left out, and the event says so ({@code clientAuditFields.trimmed}).
     */
    public CharSequence encode(Capture c, long logEpochMillis, boolean trim) {
        json.reset();
        ConnectionContext ctx = c.context;
        Described d = describe(c);
        long startMicros = clock.epochMicros(c.startNanos);
        long endMicros = startMicros + c.durationNanos() / 1000;

        json.beginObject()
                .field("type", "record")
                .field("class", d.activityClass)
                .field("clientApplication", ctx.application())
                .field("command", d.command)
                .field("commandText", trim && d.commandText != null && d.commandText.length() > TRIMMED_TEXT_CHARS
                        ? d.commandText.substring(0, TRIMMED_TEXT_CHARS) : d.commandText)
                .field("databaseName", ctx.database())
                .field("dbUserName", ctx.user())
                .field("serverHost", ctx.serverHost())
                .fieldOrNull("serverPort", ctx.serverPort())
                .field("serverType", ctx.serverType())
                .field("serverVersion", ctx.serverVersion())
                .field("sessionId", ctx.sessionId())
                .field("statementId", c.sequence)
                .field("substatementId", 1)
                .field("transactionId", c.transactionId)
                .fieldOrNull("rowCount", c.rowsAffected >= 0 ? c.rowsAffected : c.rowsReturned)
                .field("exitCode", exitCode(c.error));
        json.field("errorMessage", c.error == null ? null : ErrorMessages.redact(c.error.getMessage()));
        json.time("startTime", startMicros).time("endTime", endMicros).time("logTime", logEpochMillis * 1000);

        json.name("clientAuditFields").beginObject()
                .field("eventId", ctx.connectionId() + "-" + c.sequence)
                .field("connectionId", ctx.connectionId())
                .field("sequence", c.sequence)
                .field("thread", c.thread)
                .field("statementKind", c.kind.name())
                .field("executeMethod", c.method)
                .field("autoCommit", c.autoCommit)
                .field("durationNanos", c.durationNanos())
                .fieldOrNull("rowsAffected", c.rowsAffected)
                .fieldOrNull("rowsReturned", c.rowsReturned);
        if (c.error instanceof SQLException e) {
            json.field("sqlState", e.getSQLState()).field("errorCode", e.getErrorCode());
        } else if (c.error != null) {
            json.field("sqlState", null).name("errorCode").nullValue();
        }
        json.field("commandTextTruncated", d.truncated || (trim && d.commandText != null
                && d.commandText.length() > TRIMMED_TEXT_CHARS));
        if (trim) {
            json.field("trimmed", true);
        }
        if (c.batchSize >= 0) {
            json.name("batch").beginObject().field("size", c.batchSize);
            if (c.batchSql != null && !trim) {
                json.name("statements").beginArray();
                for (String s : c.batchSql) {
                    json.value(SqlText.normalize(s).text());
                }
                json.endArray();
            }
            json.endObject();
        }
        if (c.kind != StatementKind.CONNECTION) {
            json.name("parse").beginObject().field("status", "lexer").endObject();
        }
        json.field("driver", ctx.driver());
        json.endObject().endObject();
        return buffer;
    }

    /**
     * A producer event: a heartbeat carrying the publisher's counters, or a loss marker
     * ({@code EVENTS_DROPPED}) saying how many events were lost in which window.
     *
     * @param counters name/value pairs, written under {@code clientAuditFields.producerStats}
     */
    public CharSequence encodeProducerEvent(String producerId, long sequence, boolean heartbeat, long[] counters,
            String[] names, long lostCount, long lostFromMillis, long lostToMillis, long nowMillis) {
        json.reset();
        json.beginObject()
                .field("type", heartbeat ? "heartbeat" : "record")
                .field("class", "MISC")
                .field("command", heartbeat ? "HEARTBEAT" : "EVENTS_DROPPED")
                .field("exitCode", 0)
                .field("statementId", sequence)
                .fieldOrNull("rowCount", heartbeat ? -1 : lostCount);
        json.time("startTime", (heartbeat ? nowMillis : lostFromMillis) * 1000)
                .time("endTime", (heartbeat ? nowMillis : lostToMillis) * 1000)
                .time("logTime", nowMillis * 1000);
        json.name("clientAuditFields").beginObject()
                .field("eventId", producerId + "-" + sequence)
                .field("connectionId", producerId)
                .field("sequence", sequence)
                .field("statementKind", "PRODUCER")
                .field("executeMethod", heartbeat ? "heartbeat" : "eventsDropped");
        if (!heartbeat) {
            json.name("dropped").beginObject().field("count", lostCount);
            json.time("from", lostFromMillis * 1000).time("to", lostToMillis * 1000);
            json.endObject();
        }
        json.name("producerStats").beginObject();
        for (int i = 0; i < names.length; i++) {
            json.field(names[i], counters[i]);
        }
        json.endObject().endObject().endObject();
        return buffer;
    }

    /** 0 on success, else the vendor code, or 1 when the driver gave none. */
    private static long exitCode(Throwable error) {
        if (error == null) {
            return 0;
        }
        if (error instanceof SQLException e && e.getErrorCode() != 0) {
            return e.getErrorCode();
        }
        return 1;
    }

    private static Described describe(Capture c) {
        if (c.kind == StatementKind.CONNECTION) {
            String command = ConnectionCommands.command(c.method);
            return new Described(command, ConnectionCommands.activityClass(c.method), null, false);
        }
        String sql = c.sql != null ? c.sql : (c.batchSql != null && c.batchSql.length > 0 ? c.batchSql[0] : "");
        SqlText.Normalized n = SqlText.normalize(sql);
        Commands.Classified k = Commands.classify(n.text());
        // A plain Statement batch carries its SQL per entry; its own commandText stays null.
        return new Described(k.command(), k.activityClass(), c.sql == null ? null : n.text(), n.truncated());
    }

    private record Described(String command, String activityClass, String commandText, boolean truncated) {
    }
}
