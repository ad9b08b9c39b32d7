package io.jdbcactivity.spool;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One publisher's directory {@code <spool dir>/<owner id>/}: its lock, held for the owner's life,
 * and what it holds: segments, the watermark ({@code acked}) and {@code holder}, the JVM holding
 * the lock.
 *
 * <p>Why {@code holder}: the lock is a POSIX record lock, which the OS drops when the process closes
 * <em>any</em> descriptor of the file. Probing a directory that this same JVM holds (another
 * publisher, or another copy of the driver) ends with {@code OverlappingFileLockException}, and
 * closing that probe would silently release the other publisher's lock, letting a third process
 * adopt a live directory. So a directory whose {@code holder} names this JVM is never probed, and a
 * probe that still meets an overlap (the short moment before {@code holder} is written) is kept open
 * for the JVM's life instead of closed.
 */
final class OwnerDirectory {
    static final String LOCK = "lock";
    static final String HOLDER = "holder";
    static final String WATERMARK = "acked";
    /** This JVM, as written to {@code holder}: the pid alone repeats (pid 1 in every container). */
    static final String JVM = ProcessHandle.current().pid() + "@" + ManagementFactory.getRuntimeMXBean().getStartTime();
    /** Probes that met a lock of this JVM: closing them would release it (see the class comment). */
    private static final List<FileChannel> PROBES_KEPT_OPEN = Collections.synchronizedList(new ArrayList<>());

    final Path dir;
    final String owner;
    final boolean own;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Its live segments by id, oldest first. */
    final TreeMap<Integer, Segment> segments = new TreeMap<>();
    /** The watermark as last written (segment number, offset), and when. */
    private long watermarkNumber = -1;
    private long watermarkOffset = -1;
    private long watermarkNanos;

    private OwnerDirectory(Path dir, boolean own, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.owner = dir.getFileName().toString();
        this.own = own;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates and locks {@code <root>/<owner>}, or takes it over if a gone process with the same
     * owner id left it. The directory appears under its name already locked (made under a hidden
     * temporary name, then renamed), so no other process can mistake it for a dead one.
     */
    static OwnerDirectory create(Path root, String owner) throws IOException {
        Path dir = root.resolve(owner);
        if (Files.isDirectory(dir)) {
            OwnerDirectory d = tryLock(dir, true);
            if (d == null) {
                throw new IOException("spool directory " + dir + " belongs to a live publisher");
            }
            return d;
        }
        Path tmp = root.resolve("." + owner + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        Files.createDirectory(tmp);
        FileChannel channel = FileChannel.open(tmp.resolve(LOCK), CREATE_NEW, WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("could not lock the new spool directory " + tmp);
            }
            writeAtomically(tmp, HOLDER, JVM);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return new OwnerDirectory(dir, true, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteTree(tmp);
            throw e;
        }
    }

    /** Locks the directory of a publisher that is gone; null if its owner is alive. */
    static OwnerDirectory tryAdopt(Path dir) throws IOException {
        return tryLock(dir, false);
    }

    private static OwnerDirectory tryLock(Path dir, boolean own) throws IOException {
        if (JVM.equals(read(dir, HOLDER))) {
            return null; // a publisher of this JVM holds it: never probe (see the class comment)
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK), CREATE, WRITE);
        } catch (NoSuchFileException e) {
            return null; // deleted meanwhile by the one who emptied it
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            PROBES_KEPT_OPEN.add(channel);
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close(); // held by another process: this JVM holds no lock on it to lose
            return null;
        }
        try {
            writeAtomically(dir, HOLDER, JVM);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new OwnerDirectory(dir, own, channel, lock);
    }

    /** Segment file numbers in this directory, ascending. */
    List<Long> segmentNumbers() throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "seg-*.log")) {
            for (Path f : files) {
                long n = Segment.parseNumber(f.getFileName().toString());
                if (n >= 0) {
                    numbers.add(n);
                }
            }
        }
        Collections.sort(numbers);
        return numbers;
    }

    Path segmentPath(long number) {
        return dir.resolve(Segment.fileName(number));
    }

    /** The persisted watermark {segment number, offset}: every frame before it was acknowledged; null if none. */
    long[] readWatermark() {
        String s = read(dir, WATERMARK);
        if (s == null) {
            return null;
        }
        String[] parts = s.trim().split(" ");
        try {
            return new long[] {Long.parseUnsignedLong(parts[0], 16), Long.parseLong(parts[1])};
        } catch (RuntimeException e) {
            return null; // unreadable: as if absent, which costs only duplicates
        }
    }

    /**
     * Persists the watermark if it moved and the last write is older than {@code intervalNanos}. No
     * fsync: a stale watermark only means a few duplicates after a crash.
     */
    void writeWatermark(long number, long offset, long intervalNanos, long now) {
        if (number == watermarkNumber && offset == watermarkOffset) {
            return;
        }
        if (watermarkNumber >= 0 && now - watermarkNanos < intervalNanos) {
            return;
        }
        try {
            writeAtomically(dir, WATERMARK, String.format("%016x %d%n", number, offset));
            watermarkNumber = number;
            watermarkOffset = offset;
            watermarkNanos = now;
        } catch (IOException ignored) {
            // the previous watermark stays: more duplicates after a crash, no loss
        }
    }

    /** When its oldest data was written: adopted directories are read oldest first. */
    long oldestDataMillis() {
        try {
            List<Long> numbers = segmentNumbers();
            return numbers.isEmpty() ? Long.MAX_VALUE
                    : Files.getLastModifiedTime(segmentPath(numbers.get(0))).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Gives the directory up: deleted with everything in it when it holds no segment any more
     * (the lock file goes while still locked), else left locked by nobody for the next process to adopt.
     */
    void release(boolean delete) {
        try {
            if (delete) {
                for (String name : new String[] {WATERMARK, WATERMARK + ".tmp", HOLDER, HOLDER + ".tmp", LOCK}) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            } else {
                Files.deleteIfExists(dir.resolve(HOLDER));
            }
        } catch (IOException ignored) {
            // what stays is harmless: the next process adopts the directory and deletes it
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
        if (delete) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException ignored) {
                // a probe created a lock file meanwhile: it will find nothing and delete the directory
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    private static String read(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Written to a temporary file, then renamed over: a reader sees the old or the new content, whole. */
    private static void writeAtomically(Path dir, String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) { // java.io: no interrupt closes it
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes a leftover temporary directory (a crash between its creation and its rename). */
    static void deleteTree(Path tmp) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // left for a later open
        }
    }
}
