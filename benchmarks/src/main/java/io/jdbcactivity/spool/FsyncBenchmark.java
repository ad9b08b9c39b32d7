package io.jdbcactivity.spool;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the spool syncs with {@code FileDescriptor.sync()} (fsync) and not {@code FileChannel.force(false)}
 * (fdatasync): one 1 KB append to a file and its sync, both ways. An interrupt closes a
 * {@code FileChannel} in the middle of {@code force}; if the two cost about the same on an appended
 * file (its size changes, so fdatasync must write the inode as well), the uninterruptible one wins.
 * On a disk shared with other work, separate trials swing by 10x with the neighbours' I/O: compare
 * runs made back to back on a quiet disk, or alternate the two calls in short rounds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class FsyncBenchmark {

    @Param({"force-false", "fd-sync"})
    public String call;

    private File file;
    private RandomAccessFile raf;
    private final byte[] event = new byte[1024];

    @Setup
    public void setUp() throws IOException {
        file = Files.createTempFile(Path.of(System.getProperty("bench.spool.dir",
                System.getProperty("java.io.tmpdir"))), "fsync-bench", ".log").toFile();
        raf = new RandomAccessFile(file, "rw");
    }

    @Benchmark
    public void appendAndSync() throws IOException {
        if (raf.length() > (64 << 20)) {
            raf.setLength(0); // stay small; the next writes append again
        }
        raf.seek(raf.length());
        raf.write(event);
        if (call.equals("fd-sync")) {
            raf.getFD().sync();
        } else {
            raf.getChannel().force(false);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        raf.close();
        Files.delete(file.toPath());
    }
}
