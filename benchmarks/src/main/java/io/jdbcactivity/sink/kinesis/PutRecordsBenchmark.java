package io.jdbcactivity.sink.kinesis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * What the SDK costs per call and per byte: one operation is one PutRecords call through
 * {@code KinesisAsyncClient} on the Netty HTTP client, configured as the sink's (see
 * {@link #client}), to {@link FakeKinesis} in a JVM of its own that answers at once — so what
 * {@code -prof io.jdbcactivity.bench.CpuProfiler} reports is the client side alone: building the
 * request, CBOR marshalling, SigV4 signing (SHA-256 over the whole body), Netty's writes, reading
 * and unmarshalling the answer, and the collector. Plain HTTP on the loopback: TLS, which the real
 * endpoint adds, is not in these figures ({@code PerByteBenchmark} prices it).
 *
 * <p>Calls carry one record of the shop's events of 8 KiB, 64 KiB, 1 MiB, or five of 1 MiB (a
 * full call), uncompressed or gzip'd ({@link RecordCodecs}) — a gzip'd record holds the same
 * envelope in fewer bytes. One call at a time, as a connection of the sink with one in flight.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 2) // the SDK's and Netty's paths take long to compile
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class PutRecordsBenchmark {
    @Param({"8k", "64k", "1m", "5x1m"})
    public String payload;

    @Param({"none", "gzip1", "gzip6"})
    public String codec;

    private FakeKinesis.Started server;
    private KinesisAsyncClient client;
    private SdkAsyncHttpClient http;
    private SdkEventLoopGroup eventLoops;
    private ScheduledExecutorService timers;
    private List<PutRecordsRequestEntry> entries;
    private int recordsPerCall;
    private int next;

    @Setup
    public void setUp() throws Exception {
        recordsPerCall = payload.equals("5x1m") ? 5 : 1;
        List<ShopEnvelopes.Envelope> envelopes = ShopEnvelopes.of("h2", payload.equals("5x1m") ? "1m" : payload);
        RecordCodecs.Encoder encoder = RecordCodecs.encoder(codec);
        entries = new ArrayList<>();
        int key = 0;
        for (ShopEnvelopes.Envelope e : envelopes) {
            // as KinesisSink.send builds them: the record's array handed over without a copy
            entries.add(PutRecordsRequestEntry.builder().partitionKey(String.format("%016x", key++))
                    .data(SdkBytes.fromByteArrayUnsafe(encoder.encode(e.data()))).build());
        }
        server = FakeKinesis.start(false);
        client = client(URI.create(server.endpoint()));
    }

    /**
     * The client as {@code KinesisClients.create} builds it — Netty with two event-loop threads,
     * the same timeouts, no SDK retries, completions on the I/O thread, the protocol the SDK
     * chooses (CBOR) — except for the credentials: static ones here, where the driver takes the
     * default chain (which would need JVM-wide properties in this process).
     */
    private KinesisAsyncClient client(URI endpoint) {
        eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).threadFactory(named("bench-netty-")).build();
        timers = Executors.newSingleThreadScheduledExecutor(named("bench-sdk-timer-"));
        int timeoutMs = 10_000;
        http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .maxConcurrency(2)
                .connectionTimeout(Duration.ofMillis(2_000))
                .readTimeout(Duration.ofMillis(timeoutMs))
                .writeTimeout(Duration.ofMillis(timeoutMs))
                .connectionAcquisitionTimeout(Duration.ofMillis(timeoutMs))
                .build();
        return KinesisAsyncClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .asyncConfiguration(a -> a.advancedOption(
                        SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofMillis(timeoutMs))
                        .apiCallTimeout(Duration.ofMillis(timeoutMs))
                        .scheduledExecutorService(timers)
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .endpointOverride(endpoint)
                .build();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @TearDown
    public void tearDown() throws Exception {
        client.close();
        http.close();
        timers.shutdownNow();
        eventLoops.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        server.close();
    }

    @Benchmark
    public PutRecordsResponse putRecords() {
        List<PutRecordsRequestEntry> call = new ArrayList<>(recordsPerCall);
        for (int i = 0; i < recordsPerCall; i++) {
            call.add(entries.get(next));
            next = next + 1 == entries.size() ? 0 : next + 1;
        }
        PutRecordsResponse response = client.putRecords(PutRecordsRequest.builder().streamName("bench")
                .records(call).build()).join();
        if (response.failedRecordCount() != 0 || response.records().size() != recordsPerCall) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response;
    }
}
