package io.jdbcactivity.sink.kinesis;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SDK's path does to every byte of a 1 MiB record, each alone, to split
 * {@link PutRecordsBenchmark}'s per-byte cost: SigV4's SHA-256 of the body (with the CPU's SHA
 * instructions, which the JIT uses where they exist, and without, as on CPUs that lack them), a
 * plain copy (the marshaller and the HTTP client copy the body), and AES-GCM over 16 KiB TLS
 * records, which the real HTTPS endpoint adds and the loopback benchmark does not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class PerByteBenchmark {
    private static final int TLS_RECORD = 16 * 1024;

    private byte[] record;
    private byte[] copy;
    private byte[] tlsOut;
    private MessageDigest sha256;
    private Cipher aes;
    private SecretKeySpec key;
    private long nonce;

    @Setup
    public void setUp() throws GeneralSecurityException {
        List<ShopEnvelopes.Envelope> envelopes = ShopEnvelopes.of("h2", "1m");
        record = envelopes.get(0).data();
        copy = new byte[record.length];
        tlsOut = new byte[TLS_RECORD + 16];
        sha256 = MessageDigest.getInstance("SHA-256");
        aes = Cipher.getInstance("AES/GCM/NoPadding");
        key = new SecretKeySpec(new byte[16], "AES");
    }

    @Benchmark
    public byte[] sha256() {
        return sha256.digest(record);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-UseSHA256Intrinsics"})
    public byte[] sha256WithoutShaInstructions() {
        return sha256.digest(record);
    }

    @Benchmark
    public byte[] copy() {
        System.arraycopy(record, 0, copy, 0, record.length);
        return copy;
    }

    /** TLS 1.3's AES-128-GCM record protection, 16 KiB at a time, a fresh nonce for each. */
    @Benchmark
    public int tlsAesGcm() throws GeneralSecurityException {
        int written = 0;
        for (int off = 0; off < record.length; off += TLS_RECORD) {
            byte[] iv = ByteBuffer.allocate(12).putLong(4, ++nonce).array();
            aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            written += aes.doFinal(record, off, Math.min(TLS_RECORD, record.length - off), tlsOut, 0);
        }
        return written;
    }
}
