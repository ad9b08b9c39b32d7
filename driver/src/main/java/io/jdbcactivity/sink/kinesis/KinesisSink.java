package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.event.EncodedEvent;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.SinkCounters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * {@code activity.sink=kinesis}: events become envelopes, one per partition key (the connection,
 * see {@link Lane}), envelopes become PutRecords calls of at most 500 records and 5 MiB.
 *
 * <p>Throughput does not depend on the round trip: a key has one record out at a time (so its
 * records reach their shard in order), and while it is out the key's next envelope keeps filling
 * up to the 1 MiB record limit; it is sealed at the linger time only when the key is free. At
 * 300 ms per call a connection therefore sends up to 1 MiB per round trip, not one linger's worth.
 * (Several records of a key in flight at once was the alternative: Kinesis does not keep the order
 * of a call's entries when one of them fails, so order would need repair downstream for every
 * connection, not only for the rare one spread over several keys.)
 *
 * <p>Entries a call reports failed are resent alone, with exponential backoff and full jitter,
 * until their time-to-live; throttling halves the calls allowed in flight, success grows them back.
 * A configuration error (no stream, no permission, KMS) is logged once with what to fix and retried
 * slowly, so a stream created later is used. Memory is bounded by {@code maxBufferBytes}.
 *
 * <p>All state belongs to the publisher thread; the SDK's completion callbacks only enqueue their
 * result for the next {@link #tick}.
 */
public final class KinesisSink implements Sink {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");
    private static final long BACKOFF_BASE_NANOS = 100_000_000L;
    private static final long BACKOFF_CAP_NANOS = 10_000_000_000L;
    /** Keys with nothing left are forgotten after this long unused (connections come and go). */
    private static final long FORGET_NANOS = 30_000_000_000L;
    private static final long SWEEP_NANOS = 1_000_000_000L;

    private final KinesisSettings settings;
    private final KinesisClients.Handle handle;
    private final KinesisAsyncClient client;
    private final EnvelopeWriter envelopes;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, KeyQueue> keys = new HashMap<>();
    /** Open envelopes in the order they were opened (oldest first); entries of sealed ones are skipped. */
    private final ArrayDeque<EnvelopeWriter.Open> aging = new ArrayDeque<>();
    /** Free keys with a sealed record to send, in the order they became so. */
    private final LinkedHashSet<KeyQueue> sendable = new LinkedHashSet<>();
    /** Keys whose record out waits for its retry. */
    private final List<KeyQueue> retrying = new ArrayList<>();
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<?>> calls = new ArrayList<>();
    private SinkCounters counters = new SinkCounters();

    private long bufferedBytes;
    private int inFlight;
    private int allowedInFlight;
    /** After a configuration error: nothing is sent before this. */
    private long pausedUntilNanos;
    private String reportedProblem;
    private long lastSweepNanos;
    private boolean closed;
    /**
     * Whether the first call was answered: until then no other call starts, so that the
     * application's first records go on the connection the first call opened (and warmed: TLS,
     * credentials, signer) instead of opening a second one while it is in flight.
     */
    private boolean firstAnswered;
    /** The publisher's thread, woken when an answer comes (it sleeps until the next timer otherwise). */
    private volatile Thread owner;

    private record Completion(List<PendingRecord> records, PutRecordsResponse response, Throwable error,
            long startedNanos, CompletableFuture<?> call) {
    }

    KinesisSink(KinesisSettings settings, KinesisClients.Handle handle, String producerJson) {
        this.settings = settings;
        this.handle = handle;
        this.client = handle.client();
        // free chunks kept for reuse: a quarter of the buffer's bound on top of it (8 MiB by default)
        this.envelopes = new EnvelopeWriter(producerJson, settings.gzipLevel(), settings.maxBufferBytes() / 4);
        this.allowedInFlight = settings.maxInFlight();
    }

    /**
     * Opens the sink an option set describes; the client is built here, so bad settings fail the connect.
     *
     * @param interceptorLoader where interceptor classes named by the options are looked up
     */
    public static KinesisSink open(ActivityOptions options, String producerJson, ClassLoader interceptorLoader) {
        KinesisSettings settings = KinesisSettings.of(options);
        KinesisClients.Handle handle = KinesisClients.create(settings, interceptorLoader);
        try {
            return new KinesisSink(settings, handle, producerJson);
        } catch (RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }

    @Override
    public void bind(SinkCounters counters) {
        this.counters = counters;
        counters.allowedInFlight = allowedInFlight;
    }

    @Override
    public boolean write(EncodedEvent event, String partitionKey) {
        return add(event.bytes(), event.length(), partitionKey, false, false, 0);
    }

    @Override
    public boolean writeControl(EncodedEvent event, String partitionKey) {
        return add(event.bytes(), event.length(), partitionKey, true, false, 0);
    }

    /**
     * What a durable spool in front of this sink is told about the events it handed over: each
     * token once, when Kinesis accepted its record. Nothing else settles a spooled event here — a
     * stop or a close leaves it in the spool, for this publisher's successor.
     */
    public interface SpoolOutcome {
        void delivered(long[] tokens);

        /** The sink closed with these still in memory: the spool may still hold them, or not (evicted). */
        void dropped(long[] tokens);
    }

    private SpoolOutcome spoolOutcome;

    /** Events handed over by a spool report their delivery to {@code outcome} instead of the counters. */
    public void spooledBy(SpoolOutcome outcome) {
        this.spoolOutcome = outcome;
    }

    /**
     * An application event read back from the spool (its UTF-8 JSON in {@code event[0, length)}):
     * not counted here (the spool counted it when it was appended), never given up here.
     *
     * @return false when it can never fit a record (the spool's caller counts it lost)
     */
    public boolean writeSpooled(byte[] event, int length, String partitionKey, long token) {
        return add(event, length, partitionKey, false, true, token);
    }

    /** Whether an event of {@code length} bytes can ever fit a record (under the longest key of a connection). */
    public boolean fitsARecord(int length, String partitionKey) {
        return length <= envelopes.maxEventBytes(KinesisLimits.utf8Length(partitionKey) + 3);
    }

    private boolean add(byte[] bytes, int length, String connectionKey, boolean control, boolean spooled, long token) {
        long now = System.nanoTime();
        Lane lane = lanes.get(connectionKey);
        if (lane == null) {
            lane = new Lane(connectionKey, control, settings.maxKeysPerConnection(), settings.bytesPerKey(), now);
            lanes.put(connectionKey, lane);
        }
        KeyQueue key = key(lane);
        if (length > envelopes.maxEventBytes(key.partitionKeyBytes)) {
            return false; // the publisher trims it and writes it again
        }
        if (key.open != null && !key.open.fits(length)) {
            seal(key, now, true); // full: the lane may move on to its next key
            key = key(lane);
        }
        if (key.open == null) {
            key.open = envelopes.new Open(key, now);
            aging.addLast(key.open);
            bufferedBytes += key.open.size();
        }
        int before = key.open.size();
        if (spooled) {
            key.open.add(bytes, length, token);
        } else {
            key.open.add(bytes, length);
            counters.taken(1, control);
        }
        bufferedBytes += key.open.size() - before;
        counters.bufferedBytes = bufferedBytes;
        key.lastUsedNanos = now;
        return true;
    }

    private KeyQueue key(Lane lane) {
        KeyQueue k = lane.current();
        if (keys.get(k.partitionKey) != k) {
            keys.put(k.partitionKey, k);
        }
        return k;
    }

    @Override
    public boolean hasRoom() {
        return bufferedBytes < settings.maxBufferBytes();
    }

    /** Gives up the oldest application record that is not in a call (drop-oldest). */
    @Override
    public boolean evictOldest() {
        KeyQueue oldestKey = null;
        long oldestBorn = 0;
        int which = 0; // 1: the record out (waiting for its retry), 2: the first sealed, 3: the open envelope
        for (KeyQueue k : keys.values()) {
            if (k.control) {
                continue;
            }
            long born;
            int w;
            if (k.out != null && !k.out.inCall) {
                born = k.out.bornNanos;
                w = 1;
            } else if (!k.sealed.isEmpty()) {
                born = k.sealed.peekFirst().bornNanos;
                w = 2;
            } else if (k.open != null) {
                born = k.open.bornNanos;
                w = 3;
            } else {
                continue;
            }
            if (oldestKey == null || born - oldestBorn < 0) {
                oldestKey = k;
                oldestBorn = born;
                which = w;
            }
        }
        if (oldestKey == null) {
            return false; // what is left is in calls under way, or producer events
        }
        String why = "buffer full (activity.kinesis.maxBufferBytes): oldest events dropped";
        switch (which) {
            case 1 -> {
                PendingRecord r = oldestKey.out;
                retrying.remove(oldestKey);
                giveUp(r, why);
                oldestKey.out = null;
                freed(oldestKey);
            }
            case 2 -> {
                giveUp(oldestKey.sealed.pollFirst(), why);
                if (oldestKey.sealed.isEmpty()) {
                    sendable.remove(oldestKey);
                }
            }
            default -> giveUpOpen(oldestKey, why);
        }
        return true;
    }

    @Override
    public void tick(long now) {
        if (owner == null) {
            owner = Thread.currentThread();
        }
        for (Completion c; (c = completions.poll()) != null;) {
            complete(c, now);
        }
        sealAged(now);
        send(now);
        if (now - lastSweepNanos > SWEEP_NANOS) {
            lastSweepNanos = now;
            forgetUnused(now);
            envelopes.trimPool();
        }
    }

    /**
     * Envelopes open for the linger time are sealed when their key is free; a busy key's envelope
     * keeps filling and is sealed the moment the key is free again (see {@link #freed}).
     */
    private void sealAged(long now) {
        boolean sealed = false;
        while (!aging.isEmpty()) {
            EnvelopeWriter.Open o = aging.peekFirst();
            KeyQueue k = o.key;
            if (k.open != o) {
                aging.pollFirst(); // sealed already (it filled up)
                continue;
            }
            if (now - o.bornNanos < settings.lingerNanos()) {
                break;
            }
            aging.pollFirst();
            if (k.free() && k.sealed.isEmpty()) {
                seal(k, now);
                sealed = true;
            } else {
                k.dueWhenFree = true;
            }
        }
        if (sealed) {
            sealHalfAgedToo(now);
        }
    }

    /**
     * A call is going out: envelopes of free keys past half their linger time go with it, rather
     * than each making a call of its own a moment later. Each call costs the publisher about
     * 0.3 ms of marshalling and signing whatever it carries (benchmarks/results/compression-and-
     * sdk-2026-12-02.md), so with many connections the keys' linger times, each on its own clock,
     * made several small calls where one would do.
     */
    private void sealHalfAgedToo(long now) {
        long half = settings.lingerNanos() / 2;
        for (EnvelopeWriter.Open o : aging) { // oldest first; a sealed one's entry is skipped later
            if (now - o.bornNanos < half) {
                return;
            }
            KeyQueue k = o.key;
            if (k.open == o && k.free() && k.sealed.isEmpty()) {
                seal(k, now); // a busy key's envelope keeps filling
            }
        }
    }

    /**
     * The next timer: answers waiting (now), the oldest envelope's linger time if its key is free
     * (a busy key's envelope is sealed when the answer that frees it comes), a retry due, the end
     * of a pause after a configuration error.
     */
    @Override
    public long nanosUntilDue(long now) {
        if (!completions.isEmpty()) {
            return 0;
        }
        long due = Long.MAX_VALUE;
        for (EnvelopeWriter.Open o : aging) {
            if (o.key.open == o) {
                due = o.bornNanos + settings.lingerNanos() - now;
                break; // the oldest still open; those behind it are younger
            }
        }
        boolean paused = now - pausedUntilNanos < 0;
        if (paused && (!retrying.isEmpty() || !sendable.isEmpty())) {
            due = Math.min(due, pausedUntilNanos - now);
        } else if (!paused) {
            if (!sendable.isEmpty() && inFlight < allowedInFlight && (firstAnswered || inFlight == 0)) {
                return 0;
            }
            for (KeyQueue k : retrying) {
                due = Math.min(due, k.out.notBeforeNanos - now);
            }
        }
        return due;
    }

    @Override
    public void flush() {
        long now = System.nanoTime();
        for (KeyQueue k : keys.values()) {
            if (k.open != null) {
                seal(k, now);
            }
        }
        aging.clear();
        send(now);
    }

    @Override
    public boolean idle() {
        return bufferedBytes == 0 && inFlight == 0 && completions.isEmpty();
    }

    @Override
    public long abandonWaiting() {
        long given = 0;
        String why = "not delivered within the stop's timeout (activity.shutdown.timeoutMs)";
        for (KeyQueue k : keys.values()) {
            if (k.control) {
                continue;
            }
            if (k.open != null) {
                given += k.open.events();
                giveUpOpen(k, why);
            }
            while (!k.sealed.isEmpty()) {
                PendingRecord r = k.sealed.pollFirst();
                given += r.events;
                giveUp(r, why);
            }
            sendable.remove(k);
            if (k.out != null && !k.out.inCall) {
                given += k.out.events;
                retrying.remove(k);
                giveUp(k.out, why);
                k.out = null;
            }
        }
        return given;
    }

    /**
     * Ends the sink: what answered is counted delivered, what is still waiting or in a call is
     * counted lost (calls under way are cancelled first, so no answer arrives after the client
     * closed), then the client and its threads are closed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        for (Completion c; (c = completions.poll()) != null;) {
            complete(c, now);
        }
        closed = true; // from here answers are ignored: what was in a call is counted below
        for (CompletableFuture<?> call : calls) {
            call.cancel(false);
        }
        String why = "not delivered when the sink closed";
        for (KeyQueue k : keys.values()) {
            if (k.open != null) {
                giveUpOpen(k, why);
            }
            while (!k.sealed.isEmpty()) {
                giveUp(k.sealed.pollFirst(), why);
            }
            if (k.out != null) {
                giveUp(k.out, why);
                k.out = null;
            }
        }
        keys.clear();
        lanes.clear();
        sendable.clear();
        retrying.clear();
        aging.clear();
        inFlight = 0;
        counters.inFlight = 0;
        envelopes.close();
        handle.close();
    }

    @Override
    public String describe() {
        return "kinesis:" + settings.stream();
    }

    private void seal(KeyQueue k, long now) {
        seal(k, now, false);
    }

    /** @param full sealed because the next event did not fit */
    private void seal(KeyQueue k, long now, boolean full) {
        EnvelopeWriter.Open o = k.open;
        k.open = null;
        k.dueWhenFree = false;
        int held = o.size();
        PendingRecord r = o.seal();
        bufferedBytes += r.data.length - held; // the tail, or what gzip saved
        counters.bufferedBytes = bufferedBytes;
        k.sealed.addLast(r);
        if (k.free()) {
            sendable.add(k);
        }
        // a full record behind one still out: its key does not keep up (a flush seals early: no sign)
        k.lane.sealed(r.data.length, now, full && !k.free());
    }

    /** A key's record out was settled (delivered or given up): its next record may go. */
    private void freed(KeyQueue k) {
        if (!k.sealed.isEmpty()) {
            sendable.add(k);
        } else if (k.open != null && k.dueWhenFree) {
            seal(k, System.nanoTime());
        }
    }

    /** Drops a record from memory; counted lost, unless it came from the spool (which is told). */
    private void giveUp(PendingRecord r, String why) {
        bufferedBytes -= r.data.length;
        counters.bufferedBytes = bufferedBytes;
        if (r.spooled()) {
            spoolOutcome.dropped(r.tokens);
        } else {
            counters.lost(r.events, r.control(), why);
        }
    }

    private void giveUpOpen(KeyQueue k, String why) {
        EnvelopeWriter.Open o = k.open;
        bufferedBytes -= o.size();
        counters.bufferedBytes = bufferedBytes;
        if (o.spooled()) {
            spoolOutcome.dropped(o.tokens());
        } else {
            counters.lost(o.events(), k.control, why);
        }
        o.discard();
        k.open = null;
        k.dueWhenFree = false;
    }

    private void forgetUnused(long now) {
        for (Iterator<KeyQueue> it = keys.values().iterator(); it.hasNext();) {
            KeyQueue k = it.next();
            if (k.empty() && now - k.lastUsedNanos > FORGET_NANOS) {
                it.remove();
                if (k.lane.forget(k)) {
                    lanes.remove(k.lane.connectionKey);
                }
            }
        }
    }

    /** Sends due retries first (they are older), then sealed records, while calls may be added. */
    private void send(long now) {
        if (now - pausedUntilNanos < 0 || closed) {
            return;
        }
        while (inFlight < allowedInFlight && (firstAnswered || inFlight == 0)) {
            List<PendingRecord> batch = nextBatch(now);
            if (batch.isEmpty()) {
                return;
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>(batch.size());
            for (PendingRecord r : batch) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(r.partitionKey())
                        .data(SdkBytes.fromByteArrayUnsafe(r.data)).build());
                r.inCall = true;
            }
            PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(entries);
            if (settings.streamIsArn()) {
                request.streamARN(settings.stream());
            } else {
                request.streamName(settings.stream());
            }
            inFlight++;
            counters.inFlight = inFlight;
            counters.request();
            long started = System.nanoTime();
            CompletableFuture<PutRecordsResponse> call;
            try {
                call = client.putRecords(request.build());
            } catch (RuntimeException e) {
                completions.add(new Completion(batch, null, e, started, null));
                continue;
            }
            calls.add(call);
            call.whenComplete((response, error) -> {
                completions.add(new Completion(batch, response, error, started, call));
                Thread t = owner;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            });
        }
    }

    /**
     * The next call's records: due retries, then the first sealed record of each free key, at most
     * one record per key (a key has one record out at a time), 500 records and 5 MiB.
     */
    private List<PendingRecord> nextBatch(long now) {
        List<PendingRecord> batch = new ArrayList<>();
        int bytes = 0;
        for (Iterator<KeyQueue> it = retrying.iterator(); it.hasNext() && batch.size() < KinesisLimits.MAX_ENTRIES;) {
            PendingRecord r = it.next().out;
            if (now - r.notBeforeNanos >= 0 && bytes + r.size() <= KinesisLimits.MAX_REQUEST_BYTES) {
                it.remove();
                batch.add(r);
                bytes += r.size();
            }
        }
        for (Iterator<KeyQueue> it = sendable.iterator(); it.hasNext() && batch.size() < KinesisLimits.MAX_ENTRIES;) {
            KeyQueue k = it.next();
            PendingRecord r = k.sealed.peekFirst();
            if (bytes + r.size() > KinesisLimits.MAX_REQUEST_BYTES) {
                continue; // a smaller record of another key may still fit this call
            }
            k.sealed.pollFirst();
            k.out = r;
            it.remove();
            batch.add(r);
            bytes += r.size();
        }
        return batch;
    }

    private void complete(Completion c, long now) {
        if (closed) {
            return;
        }
        firstAnswered = true;
        inFlight--;
        calls.remove(c.call);
        counters.inFlight = inFlight;
        counters.lastRequestMillis = (now - c.startedNanos) / 1_000_000L;
        for (PendingRecord r : c.records) {
            r.inCall = false;
        }
        if (c.error != null) {
            failedCall(c, now);
            return;
        }
        List<PutRecordsResultEntry> results = c.response.records();
        boolean throttled = false;
        boolean anyDelivered = false;
        for (int i = 0; i < c.records.size(); i++) {
            PendingRecord r = c.records.get(i);
            PutRecordsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result != null && result.errorCode() == null) {
                delivered(r);
                anyDelivered = true;
                continue;
            }
            String code = result == null ? "MissingResult" : result.errorCode();
            if (KinesisErrors.isThrottling(code)) {
                throttled = true;
                counters.throttled();
            }
            if (KinesisErrors.isConfiguration(code)) {
                pause(code, result.errorMessage(), now);
            }
            retry(r, code, now);
        }
        if (throttled) {
            slowDown();
        } else if (allowedInFlight < settings.maxInFlight()) {
            allowedInFlight++;
            counters.allowedInFlight = allowedInFlight;
        }
        if (anyDelivered && reportedProblem != null) {
            LOG.log(System.Logger.Level.INFO, "jdbc-activity: writing to Kinesis stream " + settings.stream()
                    + " works again");
            reportedProblem = null; // report the next problem again
        }
    }

    private void failedCall(Completion c, long now) {
        String code = KinesisErrors.code(c.error);
        counters.lastError = code + ": " + KinesisErrors.unwrap(c.error).getMessage();
        if (KinesisErrors.isConfiguration(code)) {
            pause(code, KinesisErrors.unwrap(c.error).getMessage(), now);
        } else if (KinesisErrors.isThrottling(code)) {
            counters.throttled();
            slowDown();
        } else if (!code.equals(reportedProblem)) {
            reportedProblem = code;
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: PutRecords to " + settings.stream()
                    + " failed (" + code + "); retrying with backoff", KinesisErrors.unwrap(c.error));
        }
        for (PendingRecord r : c.records) {
            retry(r, code, now);
        }
    }

    /** Throttled: halve the calls in flight (success adds them back one by one). */
    private void slowDown() {
        allowedInFlight = Math.max(1, allowedInFlight / 2);
        counters.allowedInFlight = allowedInFlight;
        counters.lowestAllowedInFlight = Math.min(counters.lowestAllowedInFlight, allowedInFlight);
    }

    private void pause(String code, String message, long now) {
        pausedUntilNanos = now + settings.configRetryNanos();
        counters.lastError = code + ": " + message;
        if (!code.equals(reportedProblem)) {
            reportedProblem = code;
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: cannot write to Kinesis: "
                    + KinesisErrors.hint(code, settings.stream()) + ". Events are kept (up to "
                    + settings.maxBufferBytes() + " bytes) and sending is retried every "
                    + settings.configRetryNanos() / 1_000_000 + " ms.");
        }
    }

    private void retry(PendingRecord r, String why, long now) {
        if (!r.spooled() && now - r.bornNanos > settings.recordTtlNanos()) { // the spool holds it for as long as it takes
            giveUp(r, "record expired after retries (" + why + ")");
            r.key.out = null;
            freed(r.key);
            return;
        }
        r.attempts++;
        long ceiling = Math.min(BACKOFF_CAP_NANOS, BACKOFF_BASE_NANOS << Math.min(r.attempts, 20));
        r.notBeforeNanos = now + ThreadLocalRandom.current().nextLong(ceiling + 1); // full jitter
        retrying.add(r.key);
        counters.retried();
    }

    private void delivered(PendingRecord r) {
        bufferedBytes -= r.data.length;
        counters.bufferedBytes = bufferedBytes;
        if (r.spooled()) {
            spoolOutcome.delivered(r.tokens);
        } else {
            counters.delivered(r.events, r.control());
        }
        r.key.out = null;
        freed(r.key);
    }
}
