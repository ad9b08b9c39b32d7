package io.jdbcactivity.event;

import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.analyze.QuoteRule;
import io.jdbcactivity.analyze.Redaction;
import io.jdbcactivity.analyze.Risks;
import io.jdbcactivity.analyze.SqlAnalyzer;
import io.jdbcactivity.analyze.TableAccess;
import io.jdbcactivity.capture.BatchParameters;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns a {@link Capture} into one event JSON object (see {@code activity-event.schema.json}).
 * Runs on the publisher thread only; reuses one buffer. SQL analysis happens here, never on the
 * application's thread.
 */
public final class EventEncoder {
    private final StringBuilder buffer = new StringBuilder(1024);
    private final JsonWriter json = new JsonWriter(buffer);
    private final WallClock clock;
    private final CommandTextMode commandText;
    private final SqlAnalyzer analyzer = new SqlAnalyzer();
    private final Outcomes outcomes = new Outcomes();

    /** What {@code commandText} carries ({@code activity.commandText}). */
    public enum CommandTextMode {
        /** Literals replaced by {@code ?}, comments and spacing normalised (the default). */
        NORMALIZED,
        /** As the application wrote it, passwords redacted. */
        FULL,
        /** Left out. */
        NONE;

        public static CommandTextMode of(String option) {
            return valueOf(option.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public EventEncoder() {
        this(new WallClock(), CommandTextMode.NORMALIZED);
    }

    public EventEncoder(WallClock clock) {
        this(clock, CommandTextMode.NORMALIZED);
    }

    public EventEncoder(WallClock clock, CommandTextMode commandText) {
        this.clock = clock;
        this.commandText = commandText;
    }

    /** How many events {@code c} becomes: one per statement of a multi-statement text, else one. */
    public int statementCount(Capture c) {
        return c.kind == StatementKind.CONNECTION || c.kind == StatementKind.DRIVER || c.sql == null ? 1
                : analyzer.analyze(c.sql, c.context.quoteRule()).statements().size();
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
        return encode(c, logEpochMillis, trim, 1);
    }

    /** The event of statement {@code substatement} (from 1) of {@code c}'s text. */
    public CharSequence encode(Capture c, long logEpochMillis, boolean trim, int substatement) {
        json.reset();
        ConnectionContext ctx = c.context;
        Described d = describe(c, substatement);
        outcomes.of(c, d.texts);
        Outcomes.Status status = outcomes.status(substatement);
        boolean failed = outcomes.failed(substatement);
        Throwable error = failed ? c.error : null;
        long affected = outcomes.affected(substatement);
        long returned = outcomes.returned(substatement);
        long startMicros = clock.epochMicros(c.startNanos);
        long endMicros = startMicros + c.durationNanos() / 1000;

        json.beginObject()
                .field("type", "record")
                .field("class", d.activityClass)
                .field("clientApplication", ctx.application())
                .field("command", d.command)
                .field("commandText", trim && d.commandText != null && d.commandText.length() > TRIMMED_TEXT_CHARS
                        ? d.commandText.substring(0, TRIMMED_TEXT_CHARS) : d.commandText);
        if (c.kind != StatementKind.CONNECTION) {
            ParameterValues.paramList(json, trim ? null : c.parameters);
        }
        json
                .field("databaseName", ctx.database())
                .field("dbUserName", ctx.user())
                .field("serverHost", ctx.serverHost())
                .fieldOrNull("serverPort", ctx.serverPort())
                .field("serverType", ctx.serverType())
                .field("serverVersion", ctx.serverVersion())
                .field("sessionId", ctx.sessionId())
                .field("statementId", c.sequence)
                .field("substatementId", substatement)
                .field("transactionId", c.transactionId);
        // the stored program it calls, creates or drops, else its primary table
        json.field("objectType", d.statement == null ? null : d.statement.objectType())
                .field("objectName", d.statement == null ? null : d.statement.objectName())
                // a statement's result sets are what it returned (a CALL's closing update count is not its rows)
                .fieldOrNull("rowCount", returned >= 0 ? returned : affected);
        if (status == Outcomes.Status.NOT_RUN) {
            json.name("exitCode").nullValue(); // neither a success nor an error of its own: it never ran
        } else {
            json.field("exitCode", exitCode(error));
        }
        json.field("errorMessage", error == null ? null
                : ErrorMessages.redact(error, ctx, normal -> partOfStatement(c, normal, ctx.quoteRule())));
        json.time("startTime", startMicros).time("endTime", endMicros).time("logTime", logEpochMillis * 1000);

        json.name("clientAuditFields").beginObject()
                .idField("eventId", ctx.connectionId(), c.sequence, substatement)
                .field("connectionId", ctx.connectionId())
                .field("sequence", c.sequence);
        if (d.statements > 1) {
            // a consumer restoring order knows when a multi-statement text is complete
            json.field("substatementCount", d.statements);
        }
        json.field("thread", c.thread)
                .field("statementKind", c.kind.name())
                .field("executeMethod", c.method)
                .field("autoCommit", c.autoCommit)
                .field("durationNanos", c.durationNanos())
                .fieldOrNull("rowsAffected", affected)
                .fieldOrNull("rowsReturned", returned);
        if (outcomes.resultSets(substatement) > 1) {
            json.name("resultSets");
            outcomes.writeResultSets(json, substatement);
        }
        if (status == Outcomes.Status.NOT_RUN) {
            json.field("notRun", true);
        } else if (status == Outcomes.Status.FAILED_SOMEWHERE) {
            json.field("errorSubstatementUnknown", true);
        }
        if (error instanceof SQLException e) {
            json.field("sqlState", e.getSQLState()).field("errorCode", e.getErrorCode());
        } else if (error != null) {
            json.field("sqlState", null).name("errorCode").nullValue();
        }
        if (c.parameters != null) {
            json.name("parameters");
            ParameterValues.write(json, c.parameters);
        }
        if (c.callArguments != null) {
            callArguments(c.callArguments);
        }
        json.field("commandTextTruncated", d.truncated || (trim && d.commandText != null
                && d.commandText.length() > TRIMMED_TEXT_CHARS));
        if (trim) {
            json.field("trimmed", true);
        }
        if (c.batchSize >= 0) {
            json.name("batch").beginObject().field("size", c.batchSize);
            if (c.batchCounts != null) {
                // what the update counts left unsaid; rowsAffected is null when any entry's rows are unknown
                if (c.batchCounts.successNoInfo() > 0) {
                    json.field("successNoInfo", c.batchCounts.successNoInfo());
                }
                if (c.batchCounts.executeFailed() > 0) {
                    json.field("executeFailed", c.batchCounts.executeFailed());
                }
                if (c.batchCounts.unreported() > 0) {
                    json.field("unreported", c.batchCounts.unreported());
                }
            }
            if (c.batchSql != null && !trim && commandText != CommandTextMode.NONE) {
                json.name("statements").beginArray();
                for (String s : c.batchSql) {
                    json.value(commandText == CommandTextMode.FULL ? Redaction.fullText(s, analyzer.analyze(s, ctx.quoteRule()))
                            : analyzer.analyze(s, ctx.quoteRule()).statements().get(0).normalized());
                }
                json.endArray();
            }
            if (c.batchParameters != null && !trim) {
                // one set per run of consecutive rows of one shape (types only: usually one run
                // for the whole batch; values kept: one per row), at most BatchParameters.MAX_RUNS
                json.name("parameters").beginArray();
                List<BatchParameters.Run> runs = c.batchParameters.runs();
                for (int i = 0; i < runs.size(); i++) {
                    ParameterValues.write(json, runs.get(i).set(), runs.get(i).rows());
                }
                json.endArray();
                if (c.batchParameters.omittedRows() > 0) {
                    json.field("parametersOmitted", c.batchParameters.omittedRows());
                }
            }
            json.endObject();
        }
        if (d.statement != null) {
            json.field("sqlDigest", d.statement.digest());
            json.name("risk").beginArray();
            List<String> risks = d.statement.risks();
            for (int i = 0; i < risks.size(); i++) { // indexed: an iterator per event would be garbage
                json.value(risks.get(i));
            }
            if (error instanceof SQLException e && Risks.accessDenied(e.getSQLState(), e.getErrorCode())) {
                json.value(Risks.ACCESS_DENIED);
            }
            json.endArray();
            json.name("tables").beginArray();
            List<TableAccess> tables = d.statement.tables();
            for (int i = 0; i < tables.size(); i++) {
                TableAccess t = tables.get(i);
                json.beginObject().field("name", t.name()).field("access", t.access()).endObject();
            }
            json.endArray();
            json.name("parse").beginObject().field("status", "lexer").endObject();
        }
        json.field("driver", ctx.driver());
        json.endObject().endObject();
        return buffer;
    }

    /**
     * A producer event: a heartbeat carrying the publisher's counters ({@code method} {@code start}
     * when the publisher starts, {@code heartbeat} every interval, {@code stop} when it stops), or
     * a loss marker ({@code method} {@code eventsDropped}, command {@code EVENTS_DROPPED}) saying
     * how many events were lost in which window.
     *
     * @param counters name/value pairs, written under {@code clientAuditFields.producerStats}
     */
    public CharSequence encodeProducerEvent(String producerId, long sequence, String method, long[] counters,
            String[] names, long lostCount, long lostFromMillis, long lostToMillis, long nowMillis) {
        boolean heartbeat = !method.equals("eventsDropped");
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
                .idField("eventId", producerId, sequence, 1)
                .field("connectionId", producerId)
                .field("sequence", sequence)
                .field("statementKind", "PRODUCER")
                .field("executeMethod", method);
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

    /**
     * A driver call's arguments, {@code "callArguments":{"name":value,…}}: strings (names and
     * patterns), numbers, flags and arrays of strings or numbers, the only kinds the wrappers pass.
     */
    private void callArguments(Object[] pairs) {
        json.name("callArguments").beginObject();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            json.name((String) pairs[i]);
            Object v = pairs[i + 1];
            if (v instanceof String[] list) {
                json.beginArray();
                for (String item : list) {
                    json.value(item);
                }
                json.endArray();
            } else if (v instanceof int[] list) {
                json.beginArray();
                for (int item : list) {
                    json.value(item);
                }
                json.endArray();
            } else if (v instanceof Number n) {
                json.value(n.longValue());
            } else if (v instanceof Boolean b) {
                json.value(b.booleanValue());
            } else {
                json.value(v instanceof String str ? str : null); // nothing else is passed, nor written
            }
        }
        json.endObject();
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

    private Described describe(Capture c, int substatement) {
        if (c.kind == StatementKind.CONNECTION) {
            String command = ConnectionCommands.command(c.method);
            return new Described(command, ConnectionCommands.activityClass(c.method), null, false, null, 1, null);
        }
        if (c.kind == StatementKind.DRIVER && c.sql == null) {
            return new Described(DriverCalls.command(c.method), DriverCalls.activityClass(c.method), null, false,
                    null, 1, null);
        }
        String sql = c.sql != null ? c.sql : (c.batchSql != null && c.batchSql.length > 0 ? c.batchSql[0] : "");
        Analysis a = analyzer.analyze(sql, c.context.quoteRule());
        Analysis.Statement st = a.statements().get(Math.min(substatement, a.statements().size()) - 1);
        if (c.sql == null && c.batchSql != null && c.batchSql.length > 1) {
            st = batchOf(st, c.batchSql, c.context.quoteRule());
        }
        String text = switch (commandText) {
            case NORMALIZED -> st.normalized();
            case FULL -> Redaction.fullText(sql, a);
            case NONE -> null;
        };
        // A plain Statement batch carries its SQL per entry; its own commandText stays null.
        // a plain batch is one event: its entries' results are its update counts, not a text's results
        return new Described(st.command(), st.activityClass(), c.sql == null ? null : text, a.truncated(), st,
                a.statements().size(), c.sql == null ? null : a.statements());
    }

    /**
     * Whether {@code normal} (the normal form of a piece of SQL an error message quotes) is part
     * of the normal form of the statement that failed, or of one of its batch's statements.
     */
    private boolean partOfStatement(Capture c, String normal, QuoteRule rule) {
        if (c.sql != null && partOf(c.sql, normal, rule)) {
            return true;
        }
        if (c.batchSql != null) {
            for (String entry : c.batchSql) {
                if (partOf(entry, normal, rule)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean partOf(String sql, String normal, QuoteRule rule) {
        List<Analysis.Statement> statements = analyzer.analyze(sql, rule).statements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).normalized().contains(normal)) {
                return true;
            }
        }
        return false;
    }

    /** A plain batch touches what all its entries touch: the first entry's command, every entry's tables and risks. */
    private Analysis.Statement batchOf(Analysis.Statement first, String[] entries, QuoteRule rule) {
        java.util.LinkedHashSet<TableAccess> tables = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> risks = new java.util.LinkedHashSet<>();
        for (String entry : entries) {
            Analysis.Statement st = analyzer.analyze(entry, rule).statements().get(0);
            tables.addAll(st.tables());
            risks.addAll(st.risks());
        }
        if (first.objectType() != null && !first.objectType().equals("TABLE")) {
            return new Analysis.Statement(first.command(), first.activityClass(), first.normalized(), first.digest(),
                    List.copyOf(risks), List.copyOf(tables), first.objectType(), first.objectName());
        }
        return new Analysis.Statement(first.command(), first.activityClass(), first.normalized(), first.digest(),
                List.copyOf(risks), List.copyOf(tables));
    }

    /** @param texts the statements of the text, for {@link Outcomes}; null for connection events and plain batches */
    private record Described(String command, String activityClass, String commandText, boolean truncated,
            Analysis.Statement statement, int statements, List<Analysis.Statement> texts) {
    }
}
