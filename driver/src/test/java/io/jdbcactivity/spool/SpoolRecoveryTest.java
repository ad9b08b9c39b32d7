package io.jdbcactivity.spool;

import static io.jdbcactivity.spool.SpoolTest.SETTINGS;
import static io.jdbcactivity.spool.SpoolTest.drain;
import static io.jdbcactivity.spool.SpoolTest.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gone publisher's segment damaged on disk, then adopted: what is cut, what is counted, and that
 * nothing past a cut comes back as data.
 */
class SpoolRecoveryTest {
    private static final int FRAMES = 4; // one 4 KiB segment
    private static final int FRAME = 1013; // 8-byte header, 2-byte key length, key "kN", flags, 1000 bytes

    @TempDir
    Path dir;
    private Path segment;
    private final List<Long> offsets = new ArrayList<>();

    @BeforeEach
    void aGonePublisherLeftOneSegment() throws IOException {
        try (Spool gone = Spool.open(dir, "gone", SETTINGS)) {
            for (int i = 0; i < FRAMES; i++) {
                offsets.add(SpoolTest.append(gone, i) & 0xFFFFFFFFL);
            }
            segment = SpoolTest.segmentFiles(gone.directory()).get(0);
        }
        assertEquals(8 + FRAMES * FRAME, Files.size(segment));
    }

    private List<Integer> adopt(RecoveryReport expected) throws IOException {
        try (Spool spool = Spool.open(dir, "next", SETTINGS)) {
            assertEquals(expected, spool.recovery());
            List<Integer> numbers = drain(spool).stream().map(SpoolTest::number).toList();
            assertEquals(numbers.size(), spool.unackedFrames());
            return numbers;
        }
    }

    private void write(long at, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }

    @Test
    void intactFramesAreAllReadBack() throws IOException {
        assertEquals(List.of(0, 1, 2, 3), adopt(new RecoveryReport(1, 1, 4, 0, 0, 0)));
    }

    @Test
    void aTornTailIsCutAtTheLastWholeFrame() throws IOException {
        long length = Files.size(segment) - 5; // the last frame's write stopped short
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(length);
        }
        long cut = length - offsets.get(3);
        assertEquals(List.of(0, 1, 2), adopt(new RecoveryReport(1, 1, 3, 1, 1, cut)));
        assertEquals(offsets.get(3), Files.size(segment), "the file is cut: the next open finds it clean");
    }

    @Test
    void zerosAfterTheLastFrameAreCut() throws IOException {
        write(Files.size(segment), new byte[4096]); // what a power loss can leave after the data
        assertEquals(List.of(0, 1, 2, 3), adopt(new RecoveryReport(1, 1, 4, 1, 1, 4096)));
    }

    @Test
    void aFlippedByteInsideAFrameDropsThatFrameOnly() throws IOException {
        write(offsets.get(1) + 500, new byte[] {0x55}); // a bit gone bad in the middle of a synced file
        assertEquals(List.of(0, 2, 3), adopt(new RecoveryReport(1, 1, 3, 0, 1, FRAME)));
    }

    @Test
    void aFlippedByteInTheLastFrameCutsIt() throws IOException {
        write(offsets.get(3) + 500, new byte[] {0x55});
        assertEquals(List.of(0, 1, 2), adopt(new RecoveryReport(1, 1, 3, 1, 1, FRAME)));
    }

    @Test
    void anImpossibleLengthCutsTheRestOfTheSegment() throws IOException {
        write(offsets.get(1), new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0});
        long cut = Files.size(segment) - offsets.get(1);
        assertEquals(List.of(0), adopt(new RecoveryReport(1, 1, 1, 1, 1, cut)), "nothing after the cut");
    }

    @Test
    void aPlausibleButWrongLengthCutsTheRestOfTheSegment() throws IOException {
        write(offsets.get(1), new byte[] {0, 0, 0x03, (byte) 0xf6}); // 1014 instead of 1005
        long cut = Files.size(segment) - offsets.get(1);
        assertEquals(List.of(0), adopt(new RecoveryReport(1, 1, 1, 1, 1, cut)), "nothing after the cut");
    }

    @Test
    void aSegmentWithoutAWholeHeaderIsDropped() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(5);
        }
        assertEquals(List.of(), adopt(new RecoveryReport(1, 1, 0, 1, 1, 5)));
        assertFalse(Files.exists(segment));
        assertFalse(Files.exists(segment.getParent()), "nothing left to send: the directory goes");
    }

    @Test
    void aFrameDamagedAfterRecoveryIsSkippedWhenRead() throws IOException {
        try (Spool spool = Spool.open(dir, "next", SETTINGS)) {
            write(offsets.get(2) + 900, new byte[] {0x55});
            List<Frame> frames = drain(spool);
            assertEquals(List.of(0, 1, 3), frames.stream().map(SpoolTest::number).toList());
            assertEquals(1, spool.damagedOnRead());
            assertEquals(3, spool.unackedFrames(), "the damaged one counts as done");
            frames.forEach(f -> spool.ack(f.position()));
            assertFalse(Files.exists(segment));
            assertEquals(0, number(frames.get(0)));
        }
    }
}
