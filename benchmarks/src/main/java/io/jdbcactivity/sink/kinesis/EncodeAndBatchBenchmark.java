package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.event.EventEncoder;
import io.jdbcactivity.event.WallClock;
import io.jdbcactivity.event.EncodedEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The publisher's own work per event on one core, without any I/O: analyse the SQL (normal form,
 * command, class), encode the event as UTF-8 JSON and append it to its connection's
 * envelope, sealing (and optionally gzipping) records at the 1 MiB limit. One operation is one
 * event, so ops/s is the sustainable events/s of the encoding and batching stage. Lives in the
 * sink's package to drive its envelope writer directly.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class EncodeAndBatchBenchmark {
    /** Statement shapes cycled through: a working set like an application's. */
    static final int SHAPES = 1000;
    static final int CONNECTIONS = 16;
    /** The level the sink uses with activity.kinesis.gzip=true, its default. */
    static final int GZIP_LEVEL = KinesisSettings.GZIP_LEVEL;

    @Param({"false", "true"})
    public boolean gzip;

    private Capture[] captures;
    private EventEncoder encoder;
    private EnvelopeWriter envelopes;
    private EnvelopeWriter.Open[] open;
    private KeyQueue[] keys;
    private int next;
    private long sealedRecords;

    @Setup
    public void setUp() {
        captures = new Capture[SHAPES * 4];
        ConnectionContext[] contexts = new ConnectionContext[CONNECTIONS]; // one per connection, as the driver makes them
        for (int i = 0; i < CONNECTIONS; i++) {
            contexts[i] = new ConnectionContext(String.format("%016x", i), String.valueOf(42 + i), "shop", "app",
                    "db.internal", 3306, "MariaDB", "10.11.19-MariaDB", "shop", "com.mysql.cj.jdbc.Driver");
        }
        for (int i = 0; i < captures.length; i++) {
            ConnectionContext ctx = contexts[i % CONNECTIONS];
            int shape = i % SHAPES;
            String sql = "SELECT o.id, o.total, c.name FROM orders_" + shape + " o JOIN customer c ON c.id = o.customer_id"
                    + " WHERE o.status = 'PAID' AND o.total > " + (i * 7 % 1000) + " AND c.region = 'region-" + i
                    + "' ORDER BY o.created_at DESC LIMIT 20";
            Capture c = new Capture(ctx, StatementKind.PREPARED, "executeQuery", sql, i + 1, i + 1, true,
                    "http-nio-8080-exec-" + (i % 8), System.nanoTime());
            c.endNanos = c.startNanos + 250_000;
            c.rowsReturned = 20;
            captures[i] = c;
        }
        // as in the publisher, each event ran a moment ago (its three times share their second,
        // which the encoder formats once): the captures' fixed start times are read as "just now"
        encoder = new EventEncoder(new WallClock() {
            private final long setUpNanos = System.nanoTime();

            @Override
            public long epochMicros(long nanoTime) {
                return super.epochMicros(nanoTime + (System.nanoTime() - setUpNanos));
            }
        });
        envelopes = new EnvelopeWriter("{\"id\":\"bench\"}", gzip ? GZIP_LEVEL : 0, 8 << 20);
        keys = new KeyQueue[CONNECTIONS];
        long now = System.nanoTime();
        for (int i = 0; i < CONNECTIONS; i++) {
            String id = String.format("%016x", i);
            keys[i] = new KeyQueue(id, false, new Lane(id, false, 1, Long.MAX_VALUE, now));
        }
        open = new EnvelopeWriter.Open[CONNECTIONS];
    }

    @Benchmark
    public long encodeAndBatch() {
        Capture c = captures[next];
        next = (next + 1) % captures.length;
        EncodedEvent event = encoder.encode(c, System.currentTimeMillis());
        int slot = (int) (c.sequence - 1) % CONNECTIONS;
        EnvelopeWriter.Open env = open[slot];
        if (env == null || !env.fits(event.length())) {
            if (env != null) {
                sealedRecords += env.seal().data.length > 0 ? 1 : 0;
            }
            env = envelopes.new Open(keys[slot], System.nanoTime());
            open[slot] = env;
        }
        env.add(event.bytes(), event.length());
        return sealedRecords;
    }
}
