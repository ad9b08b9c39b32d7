package io.jdbcactivity.spool;

import java.util.zip.CRC32C;

/**
 * The bytes on disk. A segment file is an 8-byte header (magic, format version) followed by frames,
 * all integers big-endian:
 * <pre>
 * frame   = length:int32 | crc:int32 | payload[length]
 * payload = keyLength:uint16 | key:UTF-8 | flags:uint8 | data
 * crc     = CRC32C of the 4 length bytes, then of the payload
 * </pre>
 * The length is under the CRC too, so that neither a run of zeros (what a power loss can leave at a
 * file's end) nor a damaged length ever passes for a frame.
 */
final class FrameFormat {
    static final int MAGIC = 0x4A415331; // "JAS1"
    static final int VERSION = 1;
    static final int SEGMENT_HEADER = 8;
    static final int FRAME_HEADER = 8;
    /** keyLength and flags: the smallest payload (an empty key and no data). */
    static final int MIN_PAYLOAD = 3;
    /** Far above a Kinesis record (1 MiB): a longer length can only be damage. */
    static final int MAX_PAYLOAD = 16 << 20;
    static final int MAX_KEY_BYTES = 0xFFFF;

    private FrameFormat() {
    }

    static boolean plausibleLength(int length) {
        return length >= MIN_PAYLOAD && length <= MAX_PAYLOAD;
    }

    static int frameLength(int keyBytes, int dataLength) {
        return FRAME_HEADER + MIN_PAYLOAD + keyBytes + dataLength;
    }

    static void putSegmentHeader(byte[] b, int at) {
        putInt(b, at, MAGIC);
        putInt(b, at + 4, VERSION);
    }

    static boolean isSegmentHeader(byte[] b, int at) {
        return getInt(b, at) == MAGIC && getInt(b, at + 4) == VERSION;
    }

    /** Writes one frame at {@code at}; the caller has made room for {@link #frameLength}. */
    static void encode(CRC32C crc, byte[] b, int at, byte[] key, byte flags, byte[] data, int off, int len) {
        int payload = MIN_PAYLOAD + key.length + len;
        putInt(b, at, payload);
        int p = at + FRAME_HEADER;
        b[p] = (byte) (key.length >>> 8);
        b[p + 1] = (byte) key.length;
        System.arraycopy(key, 0, b, p + 2, key.length);
        b[p + 2 + key.length] = flags;
        System.arraycopy(data, off, b, p + MIN_PAYLOAD + key.length, len);
        putInt(b, at + 4, crc(crc, b, at, payload));
    }

    /** The CRC of the frame at {@code at} whose payload is {@code payload} bytes long. */
    static int crc(CRC32C crc, byte[] b, int at, int payload) {
        crc.reset();
        crc.update(b, at, 4);
        crc.update(b, at + FRAME_HEADER, payload);
        return (int) crc.getValue();
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
