package io.jdbcactivity.sink.kinesis;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The candidates for compressing a Kinesis record, by name: each turns one whole envelope into
 * the exact bytes of a record (a {@code byte[]} of the compressed length, as the SDK takes it), in
 * a format a consumer can decode without knowing anything but the format. {@link #decode} reads
 * them back with a decoder other than the encoder where one exists (the JDK's for gzip, the C
 * library's for aircompressor's zstd), so a benchmark checks its candidate before it times it.
 */
final class RecordCodecs {
    /** Every candidate: JDK, pure Java (could be bundled: relocatable, no JVM flag), then JNI (reference only). */
    static final List<String> NAMES = List.of("none", "gzip6-stream", "gzip1", "gzip3", "gzip6", "lz4", "zstd-air",
            "xz0", "zstd-jni1", "zstd-jni3");

    /** Compresses records one after another; instances are not shared between threads. */
    interface Encoder {
        byte[] encode(byte[] envelope);
    }

    private RecordCodecs() {
    }

    static Encoder encoder(String name) {
        return switch (name) {
            case "none" -> envelope -> envelope;
            case "gzip6-stream" -> RecordCodecs::gzipStream;
            case "gzip1" -> new ReusedGzip(1);
            case "gzip3" -> new ReusedGzip(3);
            case "gzip6" -> new ReusedGzip(6);
            case "lz4" -> RecordCodecs::lz4Frame;
            case "zstd-air" -> new AirZstd();
            case "xz0" -> envelope -> xz(envelope, 0);
            case "zstd-jni1" -> envelope -> Zstd.compress(envelope, 1);
            case "zstd-jni3" -> envelope -> Zstd.compress(envelope, 3);
            default -> throw new IllegalArgumentException("codec one of " + NAMES + ": " + name);
        };
    }

    /** What a consumer does: the record's bytes back to the envelope. */
    static byte[] decode(String name, byte[] record, int envelopeLength) {
        try {
            if (name.startsWith("gzip")) {
                return readAll(new GZIPInputStream(new ByteArrayInputStream(record)));
            }
            return switch (name) {
                case "none" -> record;
                case "lz4" -> readAll(new LZ4FrameInputStream(new ByteArrayInputStream(record)));
                case "zstd-air" -> Zstd.decompress(record, envelopeLength); // the reference C library
                case "xz0" -> readAll(new XZInputStream(new ByteArrayInputStream(record)));
                case "zstd-jni1", "zstd-jni3" -> {
                    byte[] out = new byte[envelopeLength];
                    int n = new ZstdDecompressor().decompress(record, 0, record.length, out, 0, out.length);
                    yield Arrays.copyOf(out, n);
                }
                default -> throw new IllegalArgumentException(name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code EnvelopeWriter} does today: a new stream, its Deflater and buffers per record, level 6. */
    private static byte[] gzipStream(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 8192)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * GZIP (RFC 1952) around one Deflater kept for the publisher's life and {@code reset()}
     * between records, writing into a buffer that is also kept: the record's array is the only
     * allocation (a Deflater holds ~256 KiB of native memory, which a new stream per record
     * allocates and frees each time).
     */
    static final class ReusedGzip implements Encoder {
        /** Magic, deflate, no flags, no time, no extra flags, OS unknown. */
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private byte[] buffer = new byte[64 * 1024];

        ReusedGzip(int level) {
            deflater = new Deflater(level, true);
        }

        @Override
        public byte[] encode(byte[] data) {
            deflater.reset();
            deflater.setInput(data);
            deflater.finish();
            crc.reset();
            crc.update(data);
            System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
            int n = HEADER.length;
            while (!deflater.finished()) {
                if (n == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                n += deflater.deflate(buffer, n, buffer.length - n);
            }
            byte[] record = Arrays.copyOf(buffer, n + 8);
            int crc32 = (int) crc.getValue();
            for (int i = 0; i < 4; i++) {
                record[n + i] = (byte) (crc32 >>> (8 * i));
                record[n + 4 + i] = (byte) (data.length >>> (8 * i)); // ISIZE, little-endian as the CRC
            }
            return record;
        }
    }

    /**
     * LZ4 frame format (what lz4 tools and libraries read), lz4-java's pure-Java "safe"
     * compressor and hash: no Unsafe, no native code (its JNI library would not survive
     * relocation). One block per record: the smallest block size the envelope fits.
     */
    private static byte[] lz4Frame(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        LZ4FrameOutputStream.BLOCKSIZE block = data.length <= 64 * 1024 ? LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB
                : data.length <= 256 * 1024 ? LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB
                : LZ4FrameOutputStream.BLOCKSIZE.SIZE_1MB;
        try (LZ4FrameOutputStream z = new LZ4FrameOutputStream(out, block, -1, LZ4_SAFE,
                XXHashFactory.safeInstance().hash32(), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final LZ4Compressor LZ4_SAFE = LZ4Factory.safeInstance().fastCompressor();

    /**
     * Zstandard frames from aircompressor 2.0 (pure Java on {@code sun.misc.Unsafe}, which Java 17
     * allows without flags; level 3, the only one it has), into a buffer kept between records.
     */
    static final class AirZstd implements Encoder {
        private final ZstdCompressor zstd = new ZstdCompressor();
        private byte[] buffer = new byte[0];

        @Override
        public byte[] encode(byte[] data) {
            int max = zstd.maxCompressedLength(data.length);
            if (buffer.length < max) {
                buffer = new byte[max];
            }
            int n = zstd.compress(data, 0, data.length, buffer, 0, buffer.length);
            return Arrays.copyOf(buffer, n);
        }
    }

    /** XZ (LZMA2) at preset 0, its fastest, with the library's array cache. */
    private static byte[] xz(byte[] data, int preset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (XZOutputStream z = new XZOutputStream(out, new LZMA2Options(preset), XZ.CHECK_CRC32,
                BasicArrayCache.getInstance())) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
