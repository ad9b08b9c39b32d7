package io.jdbcactivity.event;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.analyze.ColumnAccess;
import io.jdbcactivity.analyze.QuoteRule;
import io.jdbcactivity.analyze.Redaction;
import io.jdbcactivity.analyze.Risks;
import io.jdbcactivity.analyze.SqlAnalyzer;
import io.jdbcactivity.analyze.TableAccess;
import io.jdbcactivity.capture.BatchParameters;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.filter.DigestSummaries;
import io.jdbcactivity.filter.Facts;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Capture} into one event JSON object (see {@code activity-event.schema.json}),
 * written as UTF-8 bytes into one reused buffer. Runs on the publisher thread only. SQL analysis
 * happens here, never on the application's thread.
 *
 * <p>What is the same from event to event is encoded once: a connection's identity (per
 * {@link ConnectionContext}, immutable) and a statement's command, text, digest, risks and tables
 * (per analysed statement, which the analyzer's cache hands out again for the same text) are kept
 * as byte fragments and copied; an event then costs its few changing fields.
 */
public final class EventEncoder {
    /**
     * Fragments kept at most, per kind, and bytes of statement fragments (what the analyzer's own
     * cache allows); past either the cache starts again: a working set that large is rare, and a
     * miss costs one encoding.
     */
    static final int MAX_FRAGMENTS = 4096;
    static final long MAX_FRAGMENT_BYTES = 4L * 1024 * 1024;

    private static final JsonWriter.Name TYPE = JsonWriter.Name.of("type");
    private static final JsonWriter.Name CLASS = JsonWriter.Name.of("class");
    private static final JsonWriter.Name COMMAND = JsonWriter.Name.of("command");
    private static final JsonWriter.Name COMMAND_TEXT = JsonWriter.Name.of("commandText");
    private static final JsonWriter.Name STATEMENT_ID = JsonWriter.Name.of("statementId");
    private static final JsonWriter.Name SUBSTATEMENT_ID = JsonWriter.Name.of("substatementId");
    private static final JsonWriter.Name TRANSACTION_ID = JsonWriter.Name.of("transactionId");
    private static final JsonWriter.Name OBJECT_TYPE = JsonWriter.Name.of("objectType");
    private static final JsonWriter.Name OBJECT_NAME = JsonWriter.Name.of("objectName");
    private static final JsonWriter.Name ROW_COUNT = JsonWriter.Name.of("rowCount");
    private static final JsonWriter.Name EXIT_CODE = JsonWriter.Name.of("exitCode");
    private static final JsonWriter.Name ERROR_MESSAGE = JsonWriter.Name.of("errorMessage");
    private static final JsonWriter.Name START_TIME = JsonWriter.Name.of("startTime");
    private static final JsonWriter.Name END_TIME = JsonWriter.Name.of("endTime");
    private static final JsonWriter.Name LOG_TIME = JsonWriter.Name.of("logTime");
    private static final JsonWriter.Name CLIENT_AUDIT_FIELDS = JsonWriter.Name.of("clientAuditFields");
    private static final JsonWriter.Name EVENT_ID = JsonWriter.Name.of("eventId");
    private static final JsonWriter.Name SEQUENCE = JsonWriter.Name.of("sequence");
    private static final JsonWriter.Name SUBSTATEMENT_COUNT = JsonWriter.Name.of("substatementCount");
    private static final JsonWriter.Name THREAD = JsonWriter.Name.of("thread");
    private static final JsonWriter.Name CALL_SITE = JsonWriter.Name.of("callSite");
    private static final JsonWriter.Name STATEMENT_KIND = JsonWriter.Name.of("statementKind");
    private static final JsonWriter.Name EXECUTE_METHOD = JsonWriter.Name.of("executeMethod");
    private static final JsonWriter.Name AUTO_COMMIT = JsonWriter.Name.of("autoCommit");
    private static final JsonWriter.Name DURATION_NANOS = JsonWriter.Name.of("durationNanos");
    private static final JsonWriter.Name ROWS_AFFECTED = JsonWriter.Name.of("rowsAffected");
    private static final JsonWriter.Name ROWS_RETURNED = JsonWriter.Name.of("rowsReturned");
    private static final JsonWriter.Name COMMAND_TEXT_TRUNCATED = JsonWriter.Name.of("commandTextTruncated");
    private static final JsonWriter.Name RISK = JsonWriter.Name.of("risk");
    private static final JsonWriter.Name PARAMETERS = JsonWriter.Name.of("parameters");
    private static final JsonWriter.Name SAMPLE_RATE = JsonWriter.Name.of("sampleRate");

    private final JsonWriter json = new JsonWriter();
    private final EncodedEvent event = new EncodedEvent(json);
    /** Where fragments are written before they are kept. */
    private final JsonWriter scratch = new JsonWriter(256);
    private final Map<ConnectionContext, ContextBytes> contexts = new IdentityHashMap<>();
    private final Map<Analysis.Statement, StatementBytes> statements = new IdentityHashMap<>();
    private long statementFragmentBytes;
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

    /** {@code activity.sensitive}; null when none is set. */
    private io.jdbcactivity.analyze.SensitiveColumns sensitive;

    /** Sets the sensitive columns events flag (before the first event: kept fragments depend on it). */
    public void sensitive(io.jdbcactivity.analyze.SensitiveColumns columns) {
        this.sensitive = columns;
        statements.clear();
        statementFragmentBytes = 0;
    }

    /** The sensitive columns {@code st} reads and writes; none without {@code activity.sensitive}. */
    private List<String> sensitiveRisks(Analysis.Statement st) {
        return sensitive == null || st == null ? List.of() : sensitive.match(st).risks();
    }

    /** The analysis of {@code sql}, from this encoder's cache (the allowlist recorder's too). */
    public Analysis analyze(String sql, QuoteRule rule) {
        return analyzer.analyze(sql, rule);
    }

    /**
     * Whether the statement {@code d} describes is one its connection's allowlist does not hold; a
     * plain batch is when any of its entries' statements is (it is one event). Of a text protect
     * mode refused, every statement is refused, and only the unlisted ones are flagged.
     */
    private boolean unlisted(Capture c, Described d) {
        if (c.allowlist == null || d.statement == null) {
            return false;
        }
        if (c.sql != null) {
            // a text longer than the analysed head: its tail is not in any digest, so it is not listed
            return !c.allowlist.contains(d.statement.digest())
                    || c.sql.length() > io.jdbcactivity.analyze.SqlText.MAX_ANALYSED_CHARS;
        }
        if (c.batchSql != null) {
            for (String entry : c.batchSql) {
                List<Analysis.Statement> sts = analyzer.analyze(entry, c.context.quoteRule()).statements();
                for (int i = 0; i < sts.size(); i++) {
                    if (!c.allowlist.contains(sts.get(i).digest())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** How many events {@code c} becomes: one per statement of a multi-statement text, else one. */
    public int statementCount(Capture c) {
        return c.kind == StatementKind.CONNECTION || c.kind == StatementKind.DRIVER || c.sql == null ? 1
                : analyzer.analyze(c.sql, c.context.quoteRule()).statements().size();
    }

    /** Characters of commandText kept in an event trimmed to fit its sink. */
    static final int TRIMMED_TEXT_CHARS = 1024;

    /** The event for {@code c}; valid until the next call. */
    public EncodedEvent encode(Capture c, long logEpochMillis) {
        return encode(c, logEpochMillis, false);
    }

    /**
     * The event for {@code c}; when {@code trim}, the commandText is cut to its head and batch
     * statements are left out, and the event says so ({@code clientAuditFields.trimmed}).
     */
    public EncodedEvent encode(Capture c, long logEpochMillis, boolean trim) {
        return encode(c, logEpochMillis, trim, 1);
    }

    /** The event of statement {@code substatement} (from 1) of {@code c}'s text. */
    public EncodedEvent encode(Capture c, long logEpochMillis, boolean trim, int substatement) {
        return encode(c, logEpochMillis, trim, substatement, 1, 0);
    }

    /**
     * What the filters look at in the event of statement {@code substatement} of {@code c}: its
     * class, command and analysed statement, from the analysis the event itself will use.
     */
    public Facts facts(Capture c, int substatement) {
        Described d = describe(c, substatement);
        ConnectionContext ctx = c.context;
        outcomes.of(c, d.texts);
        return new Facts(d.activityClass, d.command, d.statement, ctx.user(), ctx.application(), c.error != null,
                c.durationNanos(), c.kind == StatementKind.CONNECTION, ctx.connectionId(), c.transactionId,
                ctx.database(), outcomes.failed(substatement), outcomes.affected(substatement),
                outcomes.returned(substatement), unlisted(c, d), sensitiveRisks(d.statement));
    }

    /**
     * The event of statement {@code substatement} of {@code c}, kept by sampling at {@code sampleRate}
     * (below 1, {@code clientAuditFields.sampleRate} says so, for consumers that scale counts).
     *
     * @param leftOutFrom when above 0: the connection's sequences from it to this event's were left
     *                    out on purpose by filters or sampling ({@code clientAuditFields.leftOutFrom})
     */
    public EncodedEvent encode(Capture c, long logEpochMillis, boolean trim, int substatement, double sampleRate,
            long leftOutFrom) {
        json.reset();
        ConnectionContext ctx = c.context;
        ContextBytes cx = contextBytes(ctx);
        Described d = describe(c, substatement);
        outcomes.of(c, d.texts);
        Outcomes.Status status = outcomes.status(substatement);
        boolean failed = outcomes.failed(substatement);
        Throwable error = failed ? c.error : null;
        long affected = outcomes.affected(substatement);
        long returned = outcomes.returned(substatement);
        long startMicros = clock.epochMicros(c.startNanos);
        long endMicros = startMicros + c.durationNanos() / 1000;
        boolean cut = trim && d.commandText != null && d.commandText.length() > TRIMMED_TEXT_CHARS;
        StatementBytes sx = d.cacheable && !cut ? statementBytes(d) : null;

        json.beginObject()
                .fragment(RECORD_TYPE)
                .field(CLASS, d.activityClass)
                .fragment(cx.application);
        if (sx != null) {
            json.fragment(sx.commandAndText);
        } else {
            json.field(COMMAND, d.command)
                    .field(COMMAND_TEXT, cut ? d.commandText.substring(0, TRIMMED_TEXT_CHARS) : d.commandText);
        }
        if (c.kind != StatementKind.CONNECTION) {
            ParameterValues.paramList(json, trim ? null : c.parameters);
        }
        json.fragment(cx.identity)
                .field(STATEMENT_ID, c.sequence)
                .field(SUBSTATEMENT_ID, substatement)
                .field(TRANSACTION_ID, c.transactionId);
        // the stored program it calls, creates or drops, else its primary table
        if (sx != null) {
            json.fragment(sx.object);
        } else {
            json.field(OBJECT_TYPE, d.statement == null ? null : d.statement.objectType())
                    .field(OBJECT_NAME, d.statement == null ? null : d.statement.objectName());
        }
        // a statement's result sets are what it returned (a CALL's closing update count is not its rows)
        json.fieldOrNull(ROW_COUNT, returned >= 0 ? returned : affected);
        if (status == Outcomes.Status.NOT_RUN) {
            json.name(EXIT_CODE).nullValue(); // neither a success nor an error of its own: it never ran
        } else {
            json.field(EXIT_CODE, exitCode(error));
        }
        json.field(ERROR_MESSAGE, error == null ? null
                : ErrorMessages.redact(error, ctx, normal -> partOfStatement(c, normal, ctx.quoteRule())));
        json.time(START_TIME, startMicros).time(END_TIME, endMicros).time(LOG_TIME, logEpochMillis * 1000);

        json.name(CLIENT_AUDIT_FIELDS).beginObject()
                .idField(EVENT_ID, cx.connectionId, c.sequence, substatement)
                .fragment(cx.connectionIdField)
                .field(SEQUENCE, c.sequence);
        if (d.statements > 1) {
            // a consumer restoring order knows when a multi-statement text is complete
            json.field(SUBSTATEMENT_COUNT, d.statements);
        }
        json.field(THREAD, c.thread)
                .field(STATEMENT_KIND, c.kind.name())
                .field(EXECUTE_METHOD, c.method)
                .field(AUTO_COMMIT, c.autoCommit)
                .field(DURATION_NANOS, c.durationNanos())
                .fieldOrNull(ROWS_AFFECTED, affected)
                .fieldOrNull(ROWS_RETURNED, returned);
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
        if (c.refused) {
            json.field("refused", true); // by activity.allowlist.mode=protect: it never reached the database
        }
        if (c.parameters != null) {
            json.name(PARAMETERS);
            ParameterValues.write(json, c.parameters);
        }
        if (c.callArguments != null) {
            callArguments(c.callArguments);
        }
        if (c.callSite != null) {
            json.field(CALL_SITE, io.jdbcactivity.capture.CallSites.format(c.callSite));
        }
        json.field(COMMAND_TEXT_TRUNCATED, d.truncated || cut);
        if (trim) {
            json.field("trimmed", true);
        }
        if (sampleRate < 1) {
            json.name(SAMPLE_RATE).decimal(sampleRate);
        }
        if (leftOutFrom > 0) {
            json.field("leftOutFrom", leftOutFrom);
        }
        if (c.batchSize >= 0) {
            batch(c, trim);
        }
        if (d.statement != null) {
            if (sx == null) {
                sx = encodeStatement(d); // not kept: the statement is this event's own
            }
            json.fragment(sx.digest);
            json.name(RISK).beginArray().fragment(sx.risks);
            if (error instanceof SQLException e && Risks.accessDenied(e.getSQLState(), e.getErrorCode())) {
                json.value(Risks.ACCESS_DENIED);
            }
            if (unlisted(c, d)) {
                json.value(Allowlist.UNLISTED_STATEMENT); // of the connection's list: the event's own, as a denial
            }
            json.endArray();
            json.fragment(sx.tables);
        }
        json.fragment(cx.driver);
        json.endObject().endObject();
        return event;
    }

    private static final byte[] RECORD_TYPE = "\"type\":\"record\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private void batch(Capture c, boolean trim) {
        ConnectionContext ctx = c.context;
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

    /** A connection's fields, encoded once per context (contexts are immutable: a change is a new one). */
    private record ContextBytes(byte[] application, byte[] identity, byte[] connectionId, byte[] connectionIdField,
            byte[] driver) {
    }

    private ContextBytes contextBytes(ConnectionContext ctx) {
        ContextBytes cx = contexts.get(ctx);
        if (cx != null) {
            return cx;
        }
        JsonWriter w = scratch;
        w.reset();
        w.field("clientApplication", ctx.application());
        byte[] application = w.copy(0);
        w.reset();
        w.field("databaseName", ctx.database())
                .field("dbUserName", ctx.user())
                .field("serverHost", ctx.serverHost())
                .fieldOrNull("serverPort", ctx.serverPort())
                .field("serverType", ctx.serverType())
                .field("serverVersion", ctx.serverVersion())
                .field("sessionId", ctx.sessionId());
        byte[] identity = w.copy(0);
        w.reset();
        w.field("connectionId", ctx.connectionId());
        byte[] connectionIdField = w.copy(0);
        w.reset();
        w.field("driver", ctx.driver());
        cx = new ContextBytes(application, identity, JsonWriter.stringContent(ctx.connectionId()), connectionIdField,
                w.copy(0));
        if (contexts.size() >= MAX_FRAGMENTS) {
            contexts.clear();
        }
        contexts.put(ctx, cx);
        return cx;
    }

    /**
     * A statement's fields: command and commandText (as this encoder's mode writes them, untrimmed),
     * its object, its digest, its risks (the items only: an access denial is the event's own) and
     * its tables with the parse status.
     */
    private record StatementBytes(byte[] commandAndText, byte[] object, byte[] digest, byte[] risks, byte[] tables) {
        long size() {
            return commandAndText.length + object.length + digest.length + risks.length + tables.length;
        }
    }

    private StatementBytes statementBytes(Described d) {
        StatementBytes sx = statements.get(d.statement);
        if (sx == null) {
            sx = encodeStatement(d);
            if (statements.size() >= MAX_FRAGMENTS || statementFragmentBytes > MAX_FRAGMENT_BYTES) {
                statements.clear();
                statementFragmentBytes = 0;
            }
            statements.put(d.statement, sx);
            statementFragmentBytes += sx.size();
        }
        return sx;
    }

    private StatementBytes encodeStatement(Described d) {
        Analysis.Statement st = d.statement;
        JsonWriter w = scratch;
        w.reset();
        w.field(COMMAND, d.command).field(COMMAND_TEXT, d.commandText);
        byte[] commandAndText = w.copy(0);
        w.reset();
        w.field(OBJECT_TYPE, st == null ? null : st.objectType()).field(OBJECT_NAME, st == null ? null : st.objectName());
        byte[] object = w.copy(0);
        if (st == null) {
            return new StatementBytes(commandAndText, object, new byte[0], new byte[0], new byte[0]);
        }
        w.reset();
        w.field("sqlDigest", st.digest());
        byte[] digest = w.copy(0);
        w.reset();
        List<String> risks = st.risks();
        for (int i = 0; i < risks.size(); i++) {
            w.value(risks.get(i));
        }
        io.jdbcactivity.analyze.SensitiveColumns.Matches matches = sensitive == null
                ? null : sensitive.match(st);
        if (matches != null) {
            for (String r : matches.risks()) {
                w.value(r);
            }
        }
        byte[] riskItems = w.copy(0);
        w.reset();
        tables(w, st.tables());
        columns(w, st.columns());
        if (matches != null && matches.any()) {
            // which sensitive columns: a consumer asks "who read the card numbers" by these
            w.name("sensitive").beginObject().name("read").beginArray();
            for (String c : matches.read()) {
                w.value(c);
            }
            w.endArray().name("written").beginArray();
            for (String c : matches.written()) {
                w.value(c);
            }
            w.endArray().endObject();
        }
        return new StatementBytes(commandAndText, object, digest, riskItems, w.copy(0));
    }

    /**
     * A producer event: a heartbeat carrying the publisher's counters ({@code method} {@code start}
     * when the publisher starts, {@code heartbeat} every interval, {@code stop} when it stops), or
     * a loss marker ({@code method} {@code eventsDropped}, command {@code EVENTS_DROPPED}) saying
     * how many events were lost in which window.
     *
     * @param counters name/value pairs, written under {@code clientAuditFields.producerStats}
     */
    public EncodedEvent encodeProducerEvent(String producerId, long sequence, String method, long[] counters,
            String[] names, long lostCount, long lostFromMillis, long lostToMillis, long nowMillis) {
        return encodeProducerEvent(producerId, sequence, method, counters, names, lostCount, lostFromMillis,
                lostToMillis, nowMillis, null, null);
    }

    /**
     * @param ruleNames  the filter rules, when any are set: each rule's count of events left out is
     *                   written under {@code clientAuditFields.filteredBy}; else null
     */
    public EncodedEvent encodeProducerEvent(String producerId, long sequence, String method, long[] counters,
            String[] names, long lostCount, long lostFromMillis, long lostToMillis, long nowMillis,
            String[] ruleNames, long[] ruleCounts) {
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
                .idField(EVENT_ID, JsonWriter.stringContent(producerId), sequence, 1)
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
        json.endObject();
        if (ruleNames != null) {
            json.name("filteredBy").beginObject();
            for (int i = 0; i < ruleNames.length; i++) {
                json.field(ruleNames[i], ruleCounts[i]);
            }
            json.endObject();
        }
        json.endObject().endObject();
        return event;
    }

    /**
     * A per-digest summary ({@code activity.summary.intervalMs}): {@code type} {@code summary},
     * {@code command} {@code SUMMARY}, the interval as start and end time, the shape's normal form
     * as {@code commandText}, and its figures under {@code clientAuditFields.summary}. Written under
     * the producer's key and counted among its own events.
     */
    public EncodedEvent encodeSummary(String producerId, long sequence, DigestSummaries.Summary s, long fromMillis,
            long toMillis, long nowMillis) {
        json.reset();
        json.beginObject()
                .field(TYPE, "summary")
                .field(CLASS, s.activityClass())
                .field("clientApplication", s.application())
                .field(COMMAND, "SUMMARY")
                // the shape's normal form, unless the texts are not published at all
                .field(COMMAND_TEXT, commandText == CommandTextMode.NONE ? null : s.text())
                .field("databaseName", s.database())
                .field("dbUserName", s.user())
                .field(STATEMENT_ID, sequence)
                .field(ROW_COUNT, s.rowsReturned() + s.rowsAffected())
                .field(EXIT_CODE, 0);
        json.time(START_TIME, fromMillis * 1000).time(END_TIME, toMillis * 1000).time(LOG_TIME, nowMillis * 1000);
        json.name(CLIENT_AUDIT_FIELDS).beginObject()
                .idField(EVENT_ID, JsonWriter.stringContent(producerId), sequence, 1)
                .field("connectionId", producerId)
                .field(SEQUENCE, sequence)
                .field(STATEMENT_KIND, "PRODUCER")
                .field(EXECUTE_METHOD, "summary");
        if (s.digest() != null) {
            json.field("sqlDigest", s.digest()); // the summary of the shapes beyond the bound has none
        }
        json.name("summary").beginObject()
                .field("command", s.command())
                .field("count", s.count())
                .field("errors", s.errors())
                .field("rowsAffected", s.rowsAffected())
                .field("rowsReturned", s.rowsReturned())
                .field("totalNanos", s.totalNanos())
                .field("minNanos", s.minNanos())
                .field("maxNanos", s.maxNanos());
        // sparse: [upper bound in µs (exclusive), events], for the buckets that have any
        json.name("latencyMicros").beginArray();
        long[] buckets = s.buckets();
        for (int b = 0; b < buckets.length; b++) {
            if (buckets[b] > 0) {
                json.beginArray().value(1L << b).value(buckets[b]).endArray();
            }
        }
        json.endArray().endObject();
        tables(json, s.tables());
        json.endObject().endObject();
        return event;
    }

    /** {@code "tables":[{"name":…,"access":…},…]}. */
    private static void tables(JsonWriter w, List<TableAccess> tables) {
        w.name("tables").beginArray();
        for (int i = 0; i < tables.size(); i++) { // indexed: an iterator per event would be garbage
            TableAccess t = tables.get(i);
            w.beginObject().field("name", t.name()).field("access", t.access()).endObject();
        }
        w.endArray();
    }

    /**
     * {@code "columns":[{"table":…,"read":[…],"written":[…]},…]} when JSqlParser answered, then
     * {@code "parse":{"status":"jsqlparser"}}; else only {@code "parse":{"status":"lexer"}}, with
     * the reason when the parser was tried and failed or was not tried for the statement's size.
     */
    private static void columns(JsonWriter w, ColumnAccess c) {
        if (c.parsed()) {
            w.name("columns").beginArray();
            List<ColumnAccess.TableColumns> tables = c.tables();
            for (int i = 0; i < tables.size(); i++) {
                ColumnAccess.TableColumns t = tables.get(i);
                w.beginObject().field("table", t.table());
                strings(w.name("read"), t.read());
                strings(w.name("written"), t.written());
                w.endObject();
            }
            w.endArray();
            if (c.truncated()) {
                w.field("columnsTruncated", true);
            }
            w.name("parse").beginObject().field("status", "jsqlparser").endObject();
        } else if (c.reason() != null) {
            w.name("parse").beginObject().field("status", "lexer").field("reason", c.reason()).endObject();
        } else {
            w.name("parse").beginObject().field("status", "lexer").endObject();
        }
    }

    private static void strings(JsonWriter w, List<String> values) {
        w.beginArray();
        for (int i = 0; i < values.size(); i++) {
            w.value(values.get(i));
        }
        w.endArray();
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
            return new Described(command, ConnectionCommands.activityClass(c.method), null, false, null, 1, null, false);
        }
        if (c.kind == StatementKind.DRIVER && c.sql == null) {
            return new Described(DriverCalls.command(c.method), DriverCalls.activityClass(c.method), null, false,
                    null, 1, null, false);
        }
        String sql = c.sql != null ? c.sql : (c.batchSql != null && c.batchSql.length > 0 ? c.batchSql[0] : "");
        Analysis a = analyzer.analyze(sql, c.context.quoteRule());
        Analysis.Statement st = a.statements().get(Math.min(substatement, a.statements().size()) - 1);
        boolean batchOfMany = c.sql == null && c.batchSql != null && c.batchSql.length > 1;
        if (batchOfMany) {
            st = batchOf(st, c.batchSql, c.context.quoteRule());
        }
        String text = switch (commandText) {
            case NORMALIZED -> st.normalized();
            case FULL -> Redaction.fullText(sql, a);
            case NONE -> null;
        };
        // A plain Statement batch carries its SQL per entry; its own commandText stays null.
        // a plain batch is one event: its entries' results are its update counts, not a text's results
        // fragments are kept for the statements the analyzer keeps (the same object comes back for
        // the same text) in the modes whose commandText is the statement's own; a plain batch has
        // no commandText of its own (and a merged statement, new every time), a full text is the
        // whole text's
        boolean cacheable = c.sql != null && commandText != CommandTextMode.FULL && SqlAnalyzer.keeps(sql);
        return new Described(st.command(), st.activityClass(), c.sql == null ? null : text, a.truncated(), st,
                a.statements().size(), c.sql == null ? null : a.statements(), cacheable);
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
    /** @param cacheable whether the statement's fragments may be kept for later events (see describe) */
    private record Described(String command, String activityClass, String commandText, boolean truncated,
            Analysis.Statement statement, int statements, List<Analysis.Statement> texts, boolean cacheable) {
    }
}
