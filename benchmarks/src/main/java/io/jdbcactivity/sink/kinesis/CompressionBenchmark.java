package io.jdbcactivity.sink.kinesis;

import java.util.Arrays;
import java.util.List;
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
 * One operation compresses one whole record: an envelope of the sample shop's real events, of
 * one connection, as the sink's {@link EnvelopeWriter} builds it, at 1 MiB (a full record), 64 KiB
 * or 8 KiB (connections whose linger ends first). The envelopes are cycled through, so the
 * compressor sees different data each time. Run it with {@code -prof gc} (garbage per record)
 * and {@code -prof io.jdbcactivity.bench.CpuProfiler} (CPU per record, the collector's included);
 * {@link CompressionTable} turns the results into ratio, CPU and garbage per event and per MiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class CompressionBenchmark {
    @Param({"none", "gzip6-stream", "gzip1", "gzip3", "gzip6", "lz4", "zstd-air", "xz0", "zstd-jni1", "zstd-jni3"})
    public String codec;

    @Param({"1m", "64k", "8k"})
    public String size;

    /** {@code h2} or {@code mariadb} (the shop on the local MariaDB: {@link ShopEvents#MYSQL_URL}). */
    @Param({"h2"})
    public String flavour;

    private byte[][] envelopes;
    private RecordCodecs.Encoder encoder;
    private int next;

    @Setup
    public void setUp() {
        List<ShopEnvelopes.Envelope> all = ShopEnvelopes.of(flavour, size);
        envelopes = all.stream().map(ShopEnvelopes.Envelope::data).toArray(byte[][]::new);
        encoder = RecordCodecs.encoder(codec);
        for (byte[] envelope : envelopes) { // what is timed must be a real, decodable record
            byte[] decoded = RecordCodecs.decode(codec, encoder.encode(envelope), envelope.length);
            if (!Arrays.equals(decoded, envelope)) {
                throw new IllegalStateException(codec + " does not give the envelope back");
            }
        }
    }

    @Benchmark
    public byte[] compress() {
        byte[] envelope = envelopes[next];
        next = next + 1 == envelopes.length ? 0 : next + 1;
        return encoder.encode(envelope);
    }
}
