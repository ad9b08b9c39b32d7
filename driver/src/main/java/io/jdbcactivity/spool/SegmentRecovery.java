package io.jdbcactivity.spool;

import static io.jdbcactivity.spool.FrameFormat.FRAME_HEADER;
import static io.jdbcactivity.spool.FrameFormat.SEGMENT_HEADER;

import java.io.IOException;

/**
 * Walks the segments a gone process left, indexes their intact frames and cuts what is damaged, and
 * counts it all for the {@link RecoveryReport}.
 *
 * <p>Where a frame fails its checks: if its length is plausible and the frame right after it is
 * intact, the damage is confined to that one frame (a flipped bit in a synced file): it alone is
 * dropped. Otherwise (an impossible length, a short frame, or nothing intact after it) the rest of
 * the segment is cut off the file. Appends only ever add at the end, so the one way to get a damaged
 * region followed by good data is a power loss before {@code sync()}, when the disk wrote later
 * blocks before earlier ones; nothing after the last completed sync was promised durable, and
 * everything before it is intact, so cutting loses no frame anyone was told was safe. A scan for the
 * next plausible header at every byte would save some of those unpromised frames but adds a code
 * path that only a power loss exercises: not worth it here.
 */
final class SegmentRecovery {
    private final FrameReader reader;
    private final byte[] header = new byte[SEGMENT_HEADER];
    private int owners;
    private int segments;
    private long frames;
    private int cuts;
    private long damagedFrames;
    private long bytesCut;

    SegmentRecovery(FrameReader reader) {
        this.reader = reader;
    }

    void ownerAdopted() {
        owners++;
    }

    /**
     * Indexes the frames of {@code s} from offset {@code from} (its owner's watermark, or the first
     * frame) and cuts a damaged tail. Returns false if the file holds no segment at all (not even a
     * whole header): the caller deletes it.
     */
    boolean recover(Segment s, long from) throws IOException {
        segments++;
        long length = s.file.length();
        if (length < SEGMENT_HEADER || !hasHeader(s)) {
            if (length > 0) { // a torn first write: header and first frame went out together
                cuts++;
                damagedFrames++;
                bytesCut += length;
            }
            return false;
        }
        long offset = Math.min(Math.max(from, SEGMENT_HEADER), length);
        while (offset < length) {
            FrameReader.Result r = reader.read(s.file, offset, length);
            if (r == FrameReader.Result.OK) {
                s.frames.add((int) offset);
                frames++;
                offset += reader.frameLength();
                continue;
            }
            if (r == FrameReader.Result.DAMAGED) {
                long next = offset + reader.frameLength();
                if (next < length && reader.read(s.file, next, length) == FrameReader.Result.OK) {
                    damagedFrames++;
                    bytesCut += next - offset;
                    offset = next;
                    continue;
                }
            }
            cuts++;
            damagedFrames++;
            bytesCut += length - offset;
            s.file.setLength(offset);
            reader.forget();
            length = offset;
        }
        s.bytes = length;
        s.written = length;
        s.sealed = true;
        return true;
    }

    private boolean hasHeader(Segment s) throws IOException {
        s.file.seek(0);
        s.file.readFully(header);
        return FrameFormat.isSegmentHeader(header, 0);
    }

    RecoveryReport report() {
        return new RecoveryReport(owners, segments, frames, cuts, damagedFrames, bytesCut);
    }
}
