package io.jdbcactivity.spool;

import static io.jdbcactivity.spool.FrameFormat.FRAME_HEADER;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads and checks one frame at a time through a 64 KiB window, so that reading a segment (to send
 * it, or to recover it) never loads it whole; a frame longer than the window gets an array of its own.
 */
final class FrameReader {
    enum Result {
        /** A whole frame whose CRC and payload layout check out. */
        OK,
        /** The frame would end past the limit: a torn write. */
        SHORT,
        /** A length no frame can have. */
        BAD_LENGTH,
        /** A plausible length, but the CRC or the payload layout is wrong. */
        DAMAGED
    }

    private static final int WINDOW = 64 * 1024;
    private final byte[] window = new byte[WINDOW];
    private final CRC32C crc = new CRC32C();
    private RandomAccessFile source;
    private long start;
    private int filled;

    /** The last frame read: its bytes (header included) are {@code bytes[at, at + 8 + length)}. */
    private byte[] bytes;
    private int at;
    private int length;

    /** Reads the frame at {@code offset} of a file whose bytes up to {@code limit} may be read. */
    Result read(RandomAccessFile file, long offset, long limit) throws IOException {
        if (limit - offset < FRAME_HEADER) {
            return Result.SHORT;
        }
        see(file, offset, FRAME_HEADER, limit);
        int len = FrameFormat.getInt(window, (int) (offset - start));
        if (!FrameFormat.plausibleLength(len)) {
            return Result.BAD_LENGTH;
        }
        if (offset + FRAME_HEADER + len > limit) {
            return Result.SHORT;
        }
        int total = FRAME_HEADER + len;
        if (total <= WINDOW) {
            see(file, offset, total, limit);
            bytes = window;
            at = (int) (offset - start);
        } else {
            bytes = new byte[total];
            file.seek(offset);
            file.readFully(bytes);
            at = 0;
        }
        length = len;
        int keyLength = (bytes[at + FRAME_HEADER] & 0xff) << 8 | bytes[at + FRAME_HEADER + 1] & 0xff;
        boolean fits = FrameFormat.MIN_PAYLOAD + keyLength <= len;
        return fits && FrameFormat.crc(crc, bytes, at, len) == FrameFormat.getInt(bytes, at + 4)
                ? Result.OK : Result.DAMAGED;
    }

    /** The whole length of the last frame read (header included): where the next one starts. */
    int frameLength() {
        return FRAME_HEADER + length;
    }

    /** The last frame read with {@link Result#OK}, copied out. */
    Frame frame(long position) {
        int p = at + FRAME_HEADER;
        int keyLength = (bytes[p] & 0xff) << 8 | bytes[p + 1] & 0xff;
        String key = new String(bytes, p + 2, keyLength, StandardCharsets.UTF_8);
        byte flags = bytes[p + 2 + keyLength];
        int dataAt = p + FrameFormat.MIN_PAYLOAD + keyLength;
        byte[] data = new byte[length - FrameFormat.MIN_PAYLOAD - keyLength];
        System.arraycopy(bytes, dataAt, data, 0, data.length);
        return new Frame(position, key, flags, data);
    }

    /** Drops the window: the file it shows was cut or closed. */
    void forget() {
        source = null;
        filled = 0;
    }

    /** Makes the window show {@code [offset, offset + need)}, reading ahead up to {@code limit}. */
    private void see(RandomAccessFile file, long offset, int need, long limit) throws IOException {
        if (file == source && offset >= start && offset + need <= start + filled) {
            return;
        }
        int n = (int) Math.min(WINDOW, limit - offset);
        file.seek(offset);
        file.readFully(window, 0, n);
        source = file;
        start = offset;
        filled = n;
    }
}
