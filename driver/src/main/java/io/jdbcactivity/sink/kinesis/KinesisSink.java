package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.SinkCounters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * {@code activity.sink=kinesis}: events become envelopes, one per partition key (the connection),
 * envelopes become PutRecords calls of at most 500 records and 5 MiB, sent after a short linger.
 * Entries a call reports failed are resent alone, with exponential backoff and full jitter, until
 * their time-to-live; throttling halves the calls allowed in flight, success grows them back.
 * A configuration error (no stream, no permission, KMS) is logged once with what to fix and
 * retried slowly, so a stream created later is used. Memory is bounded by {@code maxBufferBytes}.
 *
 * <p>All state belongs to the publisher thread; the SDK's completion callbacks only enqueue their
 * result for the next {@link #tick}.
 */
public final class KinesisSink implements Sink {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");
    private static final long BACKOFF_BASE_NANOS = 100_000_000L;
    private static final long BACKOFF_CAP_NANOS = 10_000_000_000L;

    private final KinesisSettings settings;
    private final KinesisClients.Handle handle;
    private final KinesisAsyncClient client;
    private final EnvelopeWriter envelopes;
    private final Map<String, EnvelopeWriter.Open> open = new LinkedHashMap<>();
    private final ArrayDeque<PendingRecord> ready = new ArrayDeque<>();
    private final List<PendingRecord> retrying = new ArrayList<>();
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    /** Partition keys with a record in a call under way. */
    private final Set<String> keysInFlight = new HashSet<>();
    private SinkCounters counters = new SinkCounters();

    private long firstOpenNanos;
    private long bufferedBytes;
    private int inFlight;
    /** Events in the calls under way: lost if the sink closes before their answer. */
    private int inFlightEvents;
    private int allowedInFlight;
    /** After a configuration error: nothing is sent before this. */
    private long pausedUntilNanos;
    private String reportedProblem;

    private record Completion(List<PendingRecord> records, PutRecordsResponse response, Throwable error,
            long startedNanos) {
    }

    private final Utf8Buffer utf8 = new Utf8Buffer();

    KinesisSink(KinesisSettings settings, KinesisClients.Handle handle, String producerJson) {
        this.settings = settings;
        this.handle = handle;
        this.client = handle.client();
        this.envelopes = new EnvelopeWriter(producerJson, settings.gzip());
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
    public boolean write(CharSequence eventJson, String partitionKey) {
        return write(eventJson, partitionKey, false);
    }

    @Override
    public boolean writeControl(CharSequence eventJson, String partitionKey) {
        return write(eventJson, partitionKey, true);
    }

    private boolean write(CharSequence eventJson, String partitionKey, boolean control) {
        Utf8Buffer event = utf8.encode(eventJson);
        if (event.length() > envelopes.maxEventBytes(partitionKey)) {
            return false; // the publisher trims it and writes it again
        }
        long now = System.nanoTime();
        EnvelopeWriter.Open env = open.get(partitionKey);
        if (env != null && !env.fits(event.length())) {
            seal(env);
            env = null;
        }
        if (env == null) {
            env = envelopes.new Open(partitionKey, now, control);
            open.put(partitionKey, env);
            bufferedBytes += env.size();
            if (firstOpenNanos == 0) {
                firstOpenNanos = now;
            }
        }
        int before = env.size();
        env.add(event.bytes(), event.length());
        bufferedBytes += env.size() - before;
        counters.bufferedBytes = bufferedBytes;
        return true;
    }

    @Override
    public boolean hasRoom() {
        return bufferedBytes < settings.maxBufferBytes();
    }

    @Override
    public boolean evictOldest() {
        PendingRecord oldest = removeFirstEvictable(retrying);
        if (oldest == null) {
            oldest = removeFirstEvictable(ready);
        }
        if (oldest == null && !open.isEmpty()) {
            sealAll(); // only open envelopes hold data: make them records, then give up the oldest
            oldest = removeFirstEvictable(ready);
        }
        if (oldest == null) {
            return false; // what is left is in flight or a producer event
        }
        bufferedBytes -= oldest.data.length;
        counters.bufferedBytes = bufferedBytes;
        counters.lost(oldest.events, "buffer full (activity.kinesis.maxBufferBytes): oldest events dropped");
        return true;
    }

    private static PendingRecord removeFirstEvictable(java.util.Collection<PendingRecord> records) {
        for (Iterator<PendingRecord> it = records.iterator(); it.hasNext();) {
            PendingRecord r = it.next();
            if (!r.control) {
                it.remove();
                return r;
            }
        }
        return null;
    }

    @Override
    public void tick(long now) {
        for (Completion c; (c = completions.poll()) != null;) {
            complete(c, now);
        }
        if (firstOpenNanos != 0 && now - firstOpenNanos >= settings.lingerNanos()) {
            sealAll();
        }
        send(now);
    }

    @Override
    public void flush() {
        sealAll();
        send(System.nanoTime());
    }

    @Override
    public boolean idle() {
        return open.isEmpty() && ready.isEmpty() && retrying.isEmpty() && inFlight == 0 && completions.isEmpty();
    }

    @Override
    public void close() {
        int undelivered = 0;
        for (EnvelopeWriter.Open env : open.values()) {
            undelivered += env.events();
        }
        for (PendingRecord r : ready) {
            undelivered += r.events;
        }
        for (PendingRecord r : retrying) {
            undelivered += r.events;
        }
        undelivered += inFlightEvents;
        if (undelivered > 0) {
            counters.lost(undelivered, "not delivered before shutdown");
        }
        handle.close();
    }

    @Override
    public String describe() {
        return "kinesis:" + settings.stream();
    }

    private void seal(EnvelopeWriter.Open env) {
        open.remove(env.partitionKey);
        int before = env.size();
        PendingRecord r = env.seal();
        bufferedBytes += r.data.length - before; // gzip shrinks what is held
        ready.addLast(r);
        if (open.isEmpty()) {
            firstOpenNanos = 0;
        }
    }

    private void sealAll() {
        for (EnvelopeWriter.Open env : new ArrayList<>(open.values())) {
            seal(env);
        }
        firstOpenNanos = 0;
        counters.bufferedBytes = bufferedBytes;
    }

    /** Sends due retries first (they are older), then ready records, while calls may be added. */
    private void send(long now) {
        if (now < pausedUntilNanos) {
            return;
        }
        while (inFlight < allowedInFlight) {
            List<PendingRecord> batch = nextBatch(now);
            if (batch.isEmpty()) {
                return;
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>(batch.size());
            for (PendingRecord r : batch) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(r.partitionKey)
                        .data(SdkBytes.fromByteArrayUnsafe(r.data)).build());
            }
            PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(entries);
            if (settings.streamIsArn()) {
                request.streamARN(settings.stream());
            } else {
                request.streamName(settings.stream());
            }
            inFlight++;
            for (PendingRecord r : batch) {
                inFlightEvents += r.events;
            }
            counters.inFlight = inFlight;
            counters.requests.increment();
            long started = System.nanoTime();
            try {
                client.putRecords(request.build()).whenComplete(
                        (response, error) -> completions.add(new Completion(batch, response, error, started)));
            } catch (RuntimeException e) {
                completions.add(new Completion(batch, null, e, started));
            }
        }
    }

    /**
     * The next call's records. To keep one connection's events in order on its shard, a partition
     * key has at most one record in flight, a record waiting for its retry holds back the newer
     * records of its key, and a call carries at most one record per key.
     */
    private List<PendingRecord> nextBatch(long now) {
        List<PendingRecord> batch = new ArrayList<>();
        Set<String> taken = new HashSet<>(keysInFlight);
        int bytes = 0;
        for (Iterator<PendingRecord> it = retrying.iterator(); it.hasNext();) {
            PendingRecord r = it.next();
            boolean due = r.notBeforeNanos <= now && batch.size() < KinesisLimits.MAX_ENTRIES
                    && bytes + r.size() <= KinesisLimits.MAX_REQUEST_BYTES;
            if (due && !taken.contains(r.partitionKey)) {
                it.remove();
                batch.add(r);
                bytes += r.size();
            }
            taken.add(r.partitionKey); // a key with a record still to retry waits for it
        }
        for (Iterator<PendingRecord> it = ready.iterator(); it.hasNext() && batch.size() < KinesisLimits.MAX_ENTRIES;) {
            PendingRecord r = it.next();
            if (taken.add(r.partitionKey) && bytes + r.size() <= KinesisLimits.MAX_REQUEST_BYTES) {
                it.remove();
                batch.add(r);
                bytes += r.size();
            } else {
                taken.add(r.partitionKey); // later records of this key keep their place behind it
            }
        }
        for (PendingRecord r : batch) {
            keysInFlight.add(r.partitionKey);
        }
        return batch;
    }

    private void complete(Completion c, long now) {
        inFlight--;
        for (PendingRecord r : c.records) {
            keysInFlight.remove(r.partitionKey);
            inFlightEvents -= r.events;
        }
        counters.inFlight = inFlight;
        counters.lastRequestMillis = (now - c.startedNanos) / 1_000_000L;
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
                counters.throttled.increment();
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
            counters.throttled.increment();
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
        if (now - r.bornNanos > settings.recordTtlNanos()) {
            bufferedBytes -= r.data.length;
            counters.bufferedBytes = bufferedBytes;
            counters.lost(r.events, "record expired after retries (" + why + ")");
            return;
        }
        r.attempts++;
        long ceiling = Math.min(BACKOFF_CAP_NANOS, BACKOFF_BASE_NANOS << Math.min(r.attempts, 20));
        r.notBeforeNanos = now + ThreadLocalRandom.current().nextLong(ceiling + 1); // full jitter
        retrying.add(r);
        counters.retried.increment();
    }

    private void delivered(PendingRecord r) {
        bufferedBytes -= r.data.length;
        counters.bufferedBytes = bufferedBytes;
        counters.delivered.add(r.events);
    }
}
