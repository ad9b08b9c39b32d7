package io.jdbcactivity.spool;

import static io.jdbcactivity.spool.FrameFormat.SEGMENT_HEADER;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A durable spool of encoded events: frames appended to segment files in {@code <dir>/<ownerId>/},
 * read back in order, retired when acknowledged. On open it adopts the directories of publishers that
 * are gone and returns their unacknowledged frames first. See the package documentation for the
 * format and the guarantees.
 *
 * <p><b>One thread.</b> Every method but {@link #close()} must be called from one thread at a time
 * (the publisher's); there are no locks. {@code close()} may come from any thread: on the spool's
 * own thread (the one of the last call) it flushes, records the watermarks and releases the
 * directories; from another it only marks the spool closed, and the spool's thread completes the
 * close at its next call (or the process's end releases the files): a file is never closed under a
 * write in progress.
 *
 * <p><b>Never throws</b> after {@link #open}: a refused append returns -1 ({@link #lastRefusal()},
 * {@link #lastError()} say why), a failed flush or sync returns false.
 */
public final class Spool implements AutoCloseable {
    private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");
    /** A hidden temporary directory older than this is a crashed create, not one under way. */
    private static final long STALE_TEMP_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final SpoolSettings settings;
    private final long watermarkIntervalNanos;
    private final OwnerDirectory own;
    /** Directories whose segments this spool reads: adopted ones (oldest first), then its own. */
    private final List<OwnerDirectory> owners;
    /** Every live segment by id: reading order. */
    private final TreeMap<Integer, Segment> live = new TreeMap<>();
    private final FrameReader reader = new FrameReader();
    private final CRC32C crc = new CRC32C();
    private final RecoveryReport recovery;

    private int nextId = 1;
    private long nextNumber;
    /** The own segment being written, or null before the first append (or after it was evicted). */
    private Segment current;
    /** Sealed segments written since the last fsync. */
    private final List<Segment> unsynced = new ArrayList<>();
    private boolean directoryUnsynced;

    private byte[] buffer;
    private int buffered;

    /** The reader: frames of segment {@code readId} below index {@code readIndex} have been returned. */
    private int readId = 1;
    private int readIndex;

    private long bytes;
    private long frames;
    private long doneFrames;
    private long appended;
    private long refused;
    private long evictedUnread;
    private long evictedUnreadOwn;
    private long damagedOnRead;
    private long damagedOnReadOwn;
    private long writeFailures;
    private long syncFailures;
    private Refusal lastRefusal;
    private IOException lastError;

    private volatile Thread user;
    private volatile boolean closeRequested;
    private boolean closed;

    private Spool(SpoolSettings settings, OwnerDirectory own, List<OwnerDirectory> adopted) throws IOException {
        this.settings = settings;
        this.watermarkIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.watermarkIntervalMillis());
        this.own = own;
        this.owners = new ArrayList<>(adopted);
        this.owners.add(own);
        this.buffer = new byte[settings.writeBufferBytes()];
        SegmentRecovery recovering = new SegmentRecovery(reader);
        for (OwnerDirectory d : adopted) {
            recovering.ownerAdopted();
        }
        try {
            for (OwnerDirectory d : owners) {
                load(d, recovering);
            }
        } catch (IOException | RuntimeException e) {
            live.values().forEach(Segment::closeQuietly);
            throw e;
        }
        this.recovery = recovering.report();
        reader.forget(); // sending reads the disk afresh, not what the recovery scan left in the window
        for (OwnerDirectory d : new ArrayList<>(adopted)) {
            if (d.segments.isEmpty()) {
                owners.remove(d);
                d.release(true);
            }
        }
        this.user = Thread.currentThread();
    }

    /**
     * Opens the spool in {@code dir} for the publisher {@code ownerId} (letters, digits, {@code _ - .};
     * unique among live publishers), adopting the directories of publishers that are gone.
     *
     * @throws IOException if the directory cannot be created or {@code ownerId} is held by a live publisher
     */
    public static Spool open(Path dir, String ownerId, SpoolSettings settings) throws IOException {
        if (!OWNER_ID.matcher(ownerId).matches()) {
            throw new IllegalArgumentException("owner id must be 1-64 of [A-Za-z0-9_.-], not starting with '.': "
                    + ownerId);
        }
        // Serialised within this copy of the driver: two publishers opening at once never probe each
        // other's new lock (see OwnerDirectory on why a probe must not meet a lock of its own JVM).
        synchronized (Spool.class) {
            Files.createDirectories(dir);
            OwnerDirectory own = OwnerDirectory.create(dir, ownerId);
            List<OwnerDirectory> adopted = new ArrayList<>();
            try {
                adoptDead(dir, own, adopted);
                return new Spool(settings, own, adopted);
            } catch (IOException | RuntimeException e) {
                for (OwnerDirectory d : adopted) {
                    d.release(false);
                }
                own.release(false);
                throw e;
            }
        }
    }

    private static void adoptDead(Path dir, OwnerDirectory own, List<OwnerDirectory> adopted) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!Files.isDirectory(child) || child.equals(own.dir)) {
                    continue;
                }
                if (name.startsWith(".")) {
                    if (name.endsWith(".tmp") && System.currentTimeMillis()
                            - Files.getLastModifiedTime(child).toMillis() > STALE_TEMP_MILLIS) {
                        OwnerDirectory.deleteTree(child);
                    }
                    continue;
                }
                candidates.add(child);
            }
        }
        for (Path child : candidates) {
            OwnerDirectory d = OwnerDirectory.tryAdopt(child);
            if (d != null) {
                adopted.add(d);
            }
        }
        adopted.sort(Comparator.comparingLong(OwnerDirectory::oldestDataMillis).thenComparing(d -> d.owner));
    }

    /** Indexes the segments a directory holds, from its watermark on, and assigns them reading order. */
    private void load(OwnerDirectory d, SegmentRecovery recovering) throws IOException {
        long[] watermark = d.readWatermark();
        for (long number : d.segmentNumbers()) {
            Path path = d.segmentPath(number);
            if (d.own) {
                nextNumber = Math.max(nextNumber, number + 1);
            }
            if (watermark != null && number < watermark[0]) {
                Files.deleteIfExists(path); // acknowledged before its owner could delete it
                continue;
            }
            long from = watermark != null && number == watermark[0] ? watermark[1] : 0;
            Segment s = new Segment(number, nextId++, path, d, new RandomAccessFile(path.toFile(), "rw"));
            if (!recovering.recover(s, from)) {
                s.closeQuietly();
                Files.deleteIfExists(path);
                continue;
            }
            if (s.frames.count() == 0) {
                s.closeQuietly();
                Files.deleteIfExists(path); // everything in it was acknowledged
                continue;
            }
            live.put(s.id, s);
            d.segments.put(s.id, s);
            bytes += s.bytes;
            frames += s.frames.count();
        }
        nextNumber = Math.max(nextNumber, 1);
    }

    /**
     * Appends one frame: {@code key} (the partition key), {@code flags}, and {@code data[off, off+len)}.
     * Appends gather in a write buffer; {@link #flushToOs()} writes them. Returns the frame's position
     * (for {@link #ack}), or -1 if it was refused: the spool would pass {@code maxBytes}, a write
     * failed (a full disk), the frame is too large, or the spool is closed.
     */
    public long append(String key, byte flags, byte[] data, int off, int len) {
        if (!usable()) {
            return refuse(Refusal.CLOSED);
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length > FrameFormat.MAX_KEY_BYTES || FrameFormat.MIN_PAYLOAD + k.length + len > FrameFormat.MAX_PAYLOAD) {
            return refuse(Refusal.TOO_LARGE);
        }
        int frame = FrameFormat.frameLength(k.length, len);
        boolean roll = current == null || current.bytes > SEGMENT_HEADER && current.bytes + frame > settings.segmentBytes();
        if (bytes + frame + (roll ? SEGMENT_HEADER : 0) > settings.maxBytes()) {
            return refuse(Refusal.FULL);
        }
        if (roll && !roll()) {
            return refuse(Refusal.IO_ERROR);
        }
        if (buffered + frame > buffer.length) {
            if (buffered > 0 && !writeBuffer()) {
                return refuse(Refusal.IO_ERROR);
            }
            if (frame > buffer.length) {
                buffer = new byte[frame]; // one oversized frame: back to the normal size once written
            }
        }
        Segment s = current;
        long offset = s.bytes;
        FrameFormat.encode(crc, buffer, buffered, k, flags, data, off, len);
        buffered += frame;
        s.bytes += frame;
        s.frames.add((int) offset);
        bytes += frame;
        frames++;
        appended++;
        return Segment.position(s.id, offset);
    }

    /**
     * Writes the gathered appends to the file in one call. Once it returns true they survive the
     * process being killed (not a power loss: {@link #sync()}). On false (a full disk…) they stay
     * gathered, and appends are refused once the buffer is full.
     */
    public boolean flushToOs() {
        if (!usable()) {
            return false;
        }
        return buffered == 0 || writeBuffer();
    }

    /**
     * {@link #flushToOs()}, then fsync of every segment written since the last sync (and of the
     * directory if a segment was created): once it returns true, the frames appended so far survive
     * a power loss. After a false, treat them as not durable: on Linux a failed fsync may have
     * dropped the pages it could not write, so a later successful sync does not vouch for them.
     */
    public boolean sync() {
        if (!flushToOs()) {
            return false;
        }
        try {
            for (Segment s : unsynced) {
                force(s);
            }
            unsynced.clear();
            if (current != null && current.dirty) {
                force(current);
            }
            if (directoryUnsynced) {
                forceDirectory(own.dir);
                directoryUnsynced = false;
            }
            return true;
        } catch (IOException e) {
            syncFailures++;
            lastError = e;
            return false;
        }
    }

    /**
     * {@code fsync} through the file's descriptor rather than {@code FileChannel.force(false)}
     * (fdatasync): an appended file's size changes, so fdatasync writes the inode too, and the two
     * cost about the same (paired rounds on this machine: fsync/fdatasync time 1.1 at the median,
     * quartiles 0.9 and 1.8). What decides is that no interrupt can close the file mid-call.
     */
    private static void force(Segment s) throws IOException {
        FileDescriptor fd = s.file.getFD();
        fd.sync();
        s.dirty = false;
    }

    /** Makes a new file's name durable (Linux, macOS); where directories cannot be opened, the OS's own order. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows: a directory cannot be opened for this; NTFS journals names itself
        }
    }

    /**
     * The next frame not yet returned (adopted segments first, then own, each in append order), or
     * null when there is none for now. Own frames still in the write buffer are flushed first. A
     * frame acknowledged before it was read is skipped; a frame that fails its CRC here (the disk
     * changed under the spool) is skipped and counted ({@link #damagedOnRead()}).
     */
    public Frame next() {
        if (!usable()) {
            return null;
        }
        while (true) {
            Map.Entry<Integer, Segment> e = live.ceilingEntry(readId);
            if (e == null) {
                return null;
            }
            Segment s = e.getValue();
            if (s.id != readId) {
                readId = s.id;
                readIndex = 0;
            }
            FrameIndex index = s.frames;
            while (readIndex < index.count() && index.isDone(readIndex)) {
                readIndex++;
            }
            if (readIndex == index.count()) {
                if (!s.sealed) {
                    return null; // caught up with the segment being written
                }
                readId = s.id + 1;
                readIndex = 0;
                continue;
            }
            long offset = index.offset(readIndex);
            if (offset >= s.written && !writeBuffer()) {
                return null;
            }
            FrameReader.Result r;
            try {
                r = reader.read(s.file, offset, s.written);
            } catch (IOException ex) {
                lastError = ex; // the read itself failed: the same frame is tried again at the next call
                return null;
            }
            int i = readIndex++;
            if (r == FrameReader.Result.OK) {
                return reader.frame(Segment.position(s.id, offset));
            }
            damagedOnRead++;
            if (s.owner.own) {
                damagedOnReadOwn++;
            }
            markDone(s, i);
        }
    }

    /**
     * The frame at {@code position} is done with: delivered, or counted lost by the caller. A segment
     * whose frames are all done and that is no longer written is deleted. Acks come in any order; an
     * unknown or repeated position (its segment evicted, say) is ignored.
     */
    public void ack(long position) {
        if (!usable()) {
            return;
        }
        Segment s = live.get((int) (position >>> 32));
        if (s == null) {
            return;
        }
        int i = s.frames.indexOf((int) position);
        if (i >= 0) {
            markDone(s, i);
        }
    }

    private void markDone(Segment s, int i) {
        int prefix = s.frames.prefix();
        if (!s.frames.markDone(i)) {
            return;
        }
        doneFrames++;
        if (s.sealed && s.frames.allDone()) {
            retire(s);
        } else if (s.frames.prefix() != prefix && s.owner.segments.firstKey() == s.id) {
            s.owner.writeWatermark(s.number, s.doneUpTo(), watermarkIntervalNanos, System.nanoTime());
        }
    }

    /** Deletes a segment that is done with; an adopted directory goes with its last segment. */
    private void retire(Segment s) {
        if (s == current) {
            current = null;
            buffered = 0;
        }
        live.remove(s.id);
        unsynced.remove(s);
        s.owner.segments.remove(s.id);
        bytes -= s.bytes;
        frames -= s.frames.count();
        doneFrames -= s.frames.doneCount();
        reader.forget();
        s.closeQuietly();
        try {
            Files.deleteIfExists(s.path);
        } catch (IOException e) {
            lastError = e; // it stays on disk, uncounted: a later open finds it behind the watermark
        }
        OwnerDirectory d = s.owner;
        if (d.segments.isEmpty()) {
            if (!d.own) {
                owners.remove(d);
                d.release(true);
            }
        } else {
            Segment first = d.segments.firstEntry().getValue();
            d.writeWatermark(first.number, first.doneUpTo(), watermarkIntervalNanos, System.nanoTime());
        }
    }

    /**
     * Deletes the oldest segment (adopted ones first; the one being written is closed first if it
     * is the only one) and returns how many of its frames had not been read: the caller counts them
     * lost. Frames already read are the caller's to account for; their later {@link #ack} does
     * nothing. Returns -1 if the spool holds no segment.
     */
    public int evictOldest() {
        if (!usable()) {
            return -1;
        }
        Map.Entry<Integer, Segment> first = live.firstEntry();
        if (first == null) {
            return -1;
        }
        Segment s = first.getValue();
        int unread = unread(s);
        evictedUnread += unread;
        if (s.owner.own) {
            evictedUnreadOwn += unread;
        }
        retire(s);
        return unread;
    }

    private int unread(Segment s) {
        if (s.id < readId) {
            return 0;
        }
        return s.frames.notDoneFrom(s.id == readId ? readIndex : 0);
    }

    /** Seals the own segment being written (after writing what is gathered) and starts a new one. */
    private boolean roll() {
        if (current != null) {
            if (buffered > 0 && !writeBuffer()) {
                return false;
            }
            Segment old = current;
            old.sealed = true;
            current = null;
            if (old.frames.allDone()) {
                retire(old);
            } else if (old.dirty) {
                unsynced.add(old);
            }
        }
        long number = nextNumber;
        Path path = own.segmentPath(number);
        RandomAccessFile file;
        try {
            file = new RandomAccessFile(path.toFile(), "rw");
        } catch (IOException e) {
            writeFailures++;
            lastError = e;
            return false;
        }
        nextNumber++;
        Segment s = new Segment(number, nextId++, path, own, file);
        FrameFormat.putSegmentHeader(buffer, 0); // goes out with the first frame, in the same write
        buffered = SEGMENT_HEADER;
        s.bytes = SEGMENT_HEADER;
        bytes += SEGMENT_HEADER;
        live.put(s.id, s);
        own.segments.put(s.id, s);
        current = s;
        directoryUnsynced = true;
        return true;
    }

    /**
     * Writes the buffer to the current segment in one call. A failed write may have left part of it
     * on the file: the buffer is kept, and the next attempt cuts the file back and writes it again.
     */
    private boolean writeBuffer() {
        Segment s = current;
        if (s == null || buffered == 0) {
            return true;
        }
        try {
            if (s.truncatePending) {
                s.file.setLength(s.written);
                s.truncatePending = false;
            }
            s.file.seek(s.written);
            s.file.write(buffer, 0, buffered);
        } catch (IOException e) {
            s.truncatePending = true;
            writeFailures++;
            lastError = e;
            return false;
        }
        s.written += buffered;
        s.dirty = true;
        buffered = 0;
        if (buffer.length > settings.writeBufferBytes()) {
            buffer = new byte[settings.writeBufferBytes()];
        }
        return true;
    }

    /** Flushes what is gathered and writes every directory's watermark now. */
    public boolean checkpoint() {
        if (!usable()) {
            return false;
        }
        boolean flushed = buffered == 0 || writeBuffer();
        writeWatermarks();
        return flushed;
    }

    private void writeWatermarks() {
        long now = System.nanoTime();
        for (OwnerDirectory d : owners) {
            if (!d.segments.isEmpty()) {
                Segment first = d.segments.firstEntry().getValue();
                d.writeWatermark(first.number, first.doneUpTo(), 0, now);
            }
        }
    }

    private long refuse(Refusal why) {
        lastRefusal = why;
        refused++;
        return -1;
    }

    /** Records the calling thread; completes a close requested from another thread. */
    private boolean usable() {
        Thread t = Thread.currentThread();
        if (user != t) {
            user = t;
        }
        if (closeRequested) {
            closeNow();
        }
        return !closed;
    }

    /** See the class comment: a full close on the spool's thread, a request from any other. */
    @Override
    public void close() {
        closeRequested = true;
        if (user == Thread.currentThread()) {
            closeNow();
        }
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        if (buffered > 0) {
            writeBuffer();
        }
        for (Segment s : new ArrayList<>(live.values())) {
            if (s.frames.allDone()) {
                s.sealed = true;
                retire(s); // nothing in it to send: no directory left for the next process to adopt
            }
        }
        writeWatermarks();
        closed = true;
        for (Segment s : live.values()) {
            s.closeQuietly();
        }
        for (OwnerDirectory d : owners) {
            d.release(d.segments.isEmpty());
        }
        live.clear();
    }

    /**
     * Whether the frame at {@code position} was appended by this spool's owner, not adopted from a
     * publisher that was gone (the caller counts the two apart). False for an unknown position.
     */
    public boolean own(long position) {
        Segment s = live.get((int) (position >>> 32));
        return s != null && s.owner.own;
    }

    /** Whether the frame at {@code position} is still in the spool and not yet acknowledged. */
    public boolean holds(long position) {
        Segment s = live.get((int) (position >>> 32));
        if (s == null) {
            return false;
        }
        int i = s.frames.indexOf((int) position);
        return i >= 0 && !s.frames.isDone(i);
    }

    /** Of {@link #evictedUnread()}, the frames this spool's owner appended. */
    public long evictedUnreadOwn() {
        return evictedUnreadOwn;
    }

    /** Of {@link #damagedOnRead()}, the frames this spool's owner appended. */
    public long damagedOnReadOwn() {
        return damagedOnReadOwn;
    }

    /** Bytes on disk: every live segment, own and adopted, including appends not yet written. */
    public long bytes() {
        return bytes;
    }

    /** Frames in live segments, done with or not. */
    public long frames() {
        return frames;
    }

    /** Frames neither acknowledged nor evicted nor dropped as damaged. */
    public long unackedFrames() {
        return frames - doneFrames;
    }

    /** Frames {@link #next()} has still to return. */
    public long unreadFrames() {
        long n = 0;
        for (Segment s : live.tailMap(readId, true).values()) {
            n += unread(s);
        }
        return n;
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public long appended() {
        return appended;
    }

    public long refused() {
        return refused;
    }

    /** Frames evicted by {@link #evictOldest()} before they were read. */
    public long evictedUnread() {
        return evictedUnread;
    }

    /** Frames that failed their check when read back (after recovery had found them intact). */
    public long damagedOnRead() {
        return damagedOnRead;
    }

    public long writeFailures() {
        return writeFailures;
    }

    public long syncFailures() {
        return syncFailures;
    }

    /** Why the last refused append was refused; null if none was. */
    public Refusal lastRefusal() {
        return lastRefusal;
    }

    /** The last I/O error met (a failed write, sync, read or delete); null if none. */
    public IOException lastError() {
        return lastError;
    }

    /** The directory this spool writes: {@code <dir>/<ownerId>}. */
    public Path directory() {
        return own.dir;
    }

    @Override
    public String toString() {
        return "Spool" + Arrays.asList(own.dir, bytes + " bytes", frames + " frames", unackedFrames() + " unacked");
    }
}
