package io.jdbcactivity.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool in one process: round trip, segments, acks, the watermark, adoption, bounds, eviction. */
class SpoolTest {
    /** Small segments so that a few frames span many; the watermark written on every move. */
    static final SpoolSettings SETTINGS = new SpoolSettings(64 << 20, 4096, 4096, 0);

    @TempDir
    Path dir;

    /** Appends event {@code i}: 1 KB whose first bytes say its number, key "k<i % 3>". */
    static long append(Spool spool, int i) {
        byte[] data = event(i);
        return spool.append("k" + i % 3, (byte) (i % 7), data, 0, data.length);
    }

    static byte[] event(int i) {
        byte[] data = new byte[1000];
        byte[] head = ("{\"event\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, data, 0, head.length);
        return data;
    }

    static int number(Frame f) {
        String s = new String(f.data(), 0, 24, StandardCharsets.UTF_8);
        return Integer.parseInt(s.substring(s.indexOf(':') + 1, s.indexOf('}')));
    }

    static List<Frame> drain(Spool spool) {
        List<Frame> frames = new ArrayList<>();
        for (Frame f; (f = spool.next()) != null;) {
            frames.add(f);
        }
        return frames;
    }

    static List<Path> segmentFiles(Path ownerDir) throws IOException {
        try (Stream<Path> files = Files.list(ownerDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
        }
    }

    static long sizeOnDisk(Path ownerDir) throws IOException {
        long n = 0;
        for (Path p : segmentFiles(ownerDir)) {
            n += Files.size(p);
        }
        return n;
    }

    @Test
    void framesComeBackAsAppended() throws IOException {
        try (Spool spool = Spool.open(dir, "a", SETTINGS)) {
            byte[] data = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
            long p1 = spool.append("connection-1", (byte) 3, data, 0, data.length);
            long p2 = spool.append("clé-ü", (byte) -1, new byte[0], 0, 0);
            long p3 = spool.append("", (byte) 0, data, 2, 3);
            assertTrue(p1 >= 0 && p1 < p2 && p2 < p3, p1 + " " + p2 + " " + p3);

            Frame f1 = spool.next(); // flushes what is gathered
            Frame f2 = spool.next();
            Frame f3 = spool.next();
            assertNull(spool.next());
            assertEquals("connection-1", f1.key());
            assertEquals(p1, f1.position());
            assertEquals((byte) 3, f1.flags());
            assertArrayEquals(data, f1.data());
            assertEquals("clé-ü", f2.key());
            assertEquals((byte) -1, f2.flags());
            assertEquals(0, f2.data().length);
            assertEquals(p3, f3.position());
            assertEquals("", f3.key());
            assertArrayEquals(new byte[] {'x', '"', ':'}, f3.data());

            assertEquals(3, spool.unackedFrames());
            spool.ack(p2);
            spool.ack(p2); // repeated: ignored
            spool.ack(p1);
            spool.ack(p3);
            assertEquals(0, spool.unackedFrames());
            assertEquals(sizeOnDisk(spool.directory()), spool.bytes(), "bytes() is what the files hold");
        }
        assertFalse(Files.exists(dir.resolve("a")), "closed with everything acknowledged: nothing left behind");
    }

    @Test
    void manySegmentsAreReadInOrderAndDeletedOnceAcknowledged() throws IOException {
        try (Spool spool = Spool.open(dir, "a", SETTINGS)) {
            for (int i = 0; i < 100; i++) {
                assertTrue(append(spool, i) >= 0);
            }
            assertTrue(spool.flushToOs());
            assertEquals(sizeOnDisk(spool.directory()), spool.bytes());
            int files = segmentFiles(spool.directory()).size();
            assertEquals(25, files, "4 frames of 1,013 bytes in a 4 KiB segment");

            List<Frame> frames = drain(spool);
            assertEquals(100, frames.size());
            for (int i = 0; i < 100; i++) {
                assertEquals(i, number(frames.get(i)));
                assertEquals("k" + i % 3, frames.get(i).key());
                assertEquals((byte) (i % 7), frames.get(i).flags());
                assertArrayEquals(event(i), frames.get(i).data());
            }
            assertEquals(0, spool.unreadFrames());
            assertEquals(100, spool.unackedFrames());
            frames.forEach(f -> spool.ack(f.position()));
            assertEquals(1, segmentFiles(spool.directory()).size(), "only the segment being written stays");
            assertEquals(sizeOnDisk(spool.directory()), spool.bytes());
            assertEquals(0, spool.unackedFrames());
        }
    }

    @Test
    void outOfOrderAcksRetireASegmentOnlyWhenAllItsFramesAreDone() throws IOException {
        try (Spool spool = Spool.open(dir, "a", SETTINGS)) {
            for (int i = 0; i < 30; i++) {
                append(spool, i);
            }
            List<Frame> frames = drain(spool);
            List<Path> before = segmentFiles(spool.directory());
            int segments = before.size();

            // every other frame, backwards: no segment is complete yet (4 frames each, the last 2)
            for (int i = 29; i >= 0; i -= 2) {
                spool.ack(frames.get(i).position());
            }
            assertEquals(before, segmentFiles(spool.directory()));
            assertEquals(15, spool.unackedFrames());

            // finish the second segment before the first: it goes first
            Path second = before.get(1);
            for (Frame f : frames) {
                if ((f.position() >>> 32) == (frames.get(0).position() >>> 32) + 1) {
                    spool.ack(f.position());
                }
            }
            assertFalse(Files.exists(second));
            assertTrue(Files.exists(before.get(0)));

            for (int i = 0; i < 30; i += 2) {
                spool.ack(frames.get(i).position());
            }
            assertEquals(List.of(before.get(segments - 1)), segmentFiles(spool.directory()));
            assertEquals(0, spool.unackedFrames());
        }
    }

    @Test
    void theWatermarkLimitsWhatIsSentAgainAfterACrash() throws IOException {
        // one segment holds them all, so only the watermark (not segment deletion) can skip frames
        SpoolSettings big = new SpoolSettings(64 << 20, 1 << 20, 4096, 0);
        Path copy = dir.resolve("crashed");
        try (Spool spool = Spool.open(dir, "a", big)) {
            for (int i = 0; i < 50; i++) {
                append(spool, i);
            }
            List<Frame> frames = drain(spool);
            for (int i = 0; i < 20; i++) {
                spool.ack(frames.get(i).position());
            }
            spool.ack(frames.get(30).position()); // beyond the contiguous prefix: not in the watermark
            // the directory as a crash would leave it now: files copied, the lock not held by anyone
            Files.createDirectory(copy);
            for (String name : new String[] {"acked", "seg-0000000000000001.log"}) {
                Files.copy(spool.directory().resolve(name), copy.resolve(name));
            }
        }
        try (Spool spool = Spool.open(dir, "b", big)) {
            List<Frame> resent = drain(spool);
            // the closed "a" (watermark at 20 too) and the crashed copy: each re-sends 20..49, #30 included
            assertEquals(2, spool.recovery().ownersAdopted());
            assertEquals(60, resent.size());
            assertEquals(20, number(resent.get(0)));
            assertEquals(49, number(resent.get(29)));
            assertEquals(20, number(resent.get(30)));
        }
    }

    @Test
    void theWatermarkIsWrittenAtMostOncePerIntervalAndOnCheckpoint() throws IOException {
        SpoolSettings hourly = new SpoolSettings(64 << 20, 1 << 20, 4096, 3_600_000);
        try (Spool spool = Spool.open(dir, "a", hourly)) {
            for (int i = 0; i < 10; i++) {
                append(spool, i);
            }
            List<Frame> frames = drain(spool);
            Path watermark = spool.directory().resolve("acked");
            spool.ack(frames.get(0).position()); // the first move is written at once
            String first = Files.readString(watermark);
            assertEquals(String.format("%016x %d%n", 1, frames.get(1).position() & 0xFFFFFFFFL), first);
            for (int i = 1; i < 5; i++) {
                spool.ack(frames.get(i).position());
            }
            assertEquals(first, Files.readString(watermark), "not again within the hour");
            assertTrue(spool.checkpoint());
            assertEquals(String.format("%016x %d%n", 1, frames.get(5).position() & 0xFFFFFFFFL),
                    Files.readString(watermark));
        }
    }

    @Test
    void aGoneOwnersFramesAreReadFirstAndItsDirectoryDeletedWhenAcknowledged() throws IOException {
        Path aDir;
        try (Spool a = Spool.open(dir, "a", SETTINGS)) {
            for (int i = 0; i < 10; i++) {
                append(a, i);
            }
            aDir = a.directory();
        } // closed with its frames unacknowledged: its directory stays for the next publisher
        assertTrue(Files.isDirectory(aDir));
        assertFalse(Files.exists(aDir.resolve("holder")), "released: no JVM claims it");

        try (Spool b = Spool.open(dir, "b", SETTINGS)) {
            assertEquals(new RecoveryReport(1, segmentFiles(aDir).size(), 10, 0, 0, 0), b.recovery());
            assertEquals(10, b.unackedFrames());
            for (int i = 100; i < 105; i++) {
                append(b, i);
            }
            List<Frame> frames = drain(b);
            assertEquals(15, frames.size());
            for (int i = 0; i < 10; i++) {
                assertEquals(i, number(frames.get(i)), "the adopted frames first");
            }
            assertEquals(100, number(frames.get(10)));
            for (int i = 0; i < 10; i++) {
                assertTrue(Files.isDirectory(aDir));
                b.ack(frames.get(i).position());
            }
            assertFalse(Files.exists(aDir), "deleted with its last acknowledged frame");
        }
    }

    @Test
    void theOldestGoneOwnerIsReadFirst() throws IOException {
        for (String owner : new String[] {"older", "newer"}) {
            try (Spool s = Spool.open(dir, owner, SETTINGS)) {
                append(s, owner.equals("older") ? 1 : 2);
            }
        }
        // names alone would put "newer" first; the data's age decides
        Files.setLastModifiedTime(segmentFiles(dir.resolve("older")).get(0), FileTime.fromMillis(1_000_000));
        try (Spool s = Spool.open(dir, "c", SETTINGS)) {
            List<Frame> frames = drain(s);
            assertEquals(List.of(1, 2), frames.stream().map(SpoolTest::number).toList());
        }
    }

    @Test
    void aLiveOwnerInTheSameJvmIsNeitherAdoptedNorShared() throws IOException {
        try (Spool a = Spool.open(dir, "a", SETTINGS)) {
            append(a, 1);
            assertTrue(a.flushToOs());
            assertThrows(IOException.class, () -> Spool.open(dir, "a", SETTINGS), "an owner id is one publisher");
            try (Spool b = Spool.open(dir, "b", SETTINGS)) {
                assertEquals(0, b.recovery().ownersAdopted());
                assertNull(b.next());
            }
            Frame f = a.next();
            assertNotNull(f);
            assertEquals(1, number(f));
        }
    }

    @Test
    void appendsPastTheBoundAreRefusedUntilSpaceIsFreed() throws IOException {
        SpoolSettings small = new SpoolSettings(10_000, 4096, 4096, 0);
        try (Spool spool = Spool.open(dir, "a", small)) {
            int accepted = 0;
            while (append(spool, accepted) >= 0) {
                accepted++;
            }
            assertEquals(Refusal.FULL, spool.lastRefusal());
            assertTrue(accepted >= 6, "about 10 KB of 1 KB frames: " + accepted);
            assertTrue(spool.flushToOs());
            assertTrue(sizeOnDisk(spool.directory()) <= 10_000, "the bound holds on disk");
            assertEquals(sizeOnDisk(spool.directory()), spool.bytes());

            List<Frame> frames = drain(spool);
            assertEquals(accepted, frames.size());
            frames.forEach(f -> spool.ack(f.position())); // sealed segments go: room again
            assertTrue(append(spool, 99) >= 0);
        }
    }

    @Test
    void evictionDropsTheOldestSegmentAndCountsWhatWasNeverRead() throws IOException {
        try (Spool spool = Spool.open(dir, "a", SETTINGS)) {
            for (int i = 0; i < 12; i++) {
                append(spool, i);
            }
            assertTrue(spool.flushToOs());
            List<Path> files = segmentFiles(spool.directory());
            Frame first = spool.next();
            Frame second = spool.next();
            long firstSegment = first.position() >>> 32;
            long unackedBefore = spool.unackedFrames();

            int unread = spool.evictOldest();
            assertFalse(Files.exists(files.get(0)));
            // a 4 KiB segment holds 4 frames of 1,013 bytes (after its 8-byte header): 2 read, 2 not
            assertEquals(1, first.position() >>> 32);
            assertEquals(2, unread);
            assertEquals(2, spool.evictedUnread());
            assertEquals(unackedBefore - 4, spool.unackedFrames());
            spool.ack(second.position()); // its segment is gone: nothing to do
            assertEquals(unackedBefore - 4, spool.unackedFrames());
            Frame next = spool.next();
            assertEquals(4, number(next), "reading goes on with the next segment");
            assertTrue((next.position() >>> 32) > firstSegment);

            // evict everything, down to the segment being written
            int left = 0;
            for (int n; (n = spool.evictOldest()) >= 0;) {
                left += n;
            }
            assertEquals(7, left, "frames 5..11 never read");
            assertEquals(0, spool.bytes());
            assertEquals(0, spool.frames());
            assertTrue(append(spool, 50) >= 0, "a new segment starts");
            assertEquals(50, number(spool.next()));
        }
    }

    @Test
    void aFrameLargerThanTheWriteBufferAndASegmentStillRoundTrips() throws IOException {
        try (Spool spool = Spool.open(dir, "a", SETTINGS)) {
            byte[] big = new byte[100_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            append(spool, 1);
            long p = spool.append("big", (byte) 0, big, 0, big.length);
            append(spool, 2);
            assertTrue(p >= 0);
            List<Frame> frames = drain(spool);
            assertEquals(3, frames.size());
            assertArrayEquals(big, frames.get(1).data());
            assertEquals(2, number(frames.get(2)));
        }
    }

    @Test
    void aFullDiskRefusesAppendsAndNeverThrows() throws IOException {
        // /dev/full fails every write with ENOSPC: the kernel plays the full disk
        try (Spool spool = Spool.open(dir, "a", SETTINGS)) {
            Files.createSymbolicLink(spool.directory().resolve("seg-0000000000000001.log"), Path.of("/dev/full"));
            assertTrue(append(spool, 0) >= 0, "gathered in memory");
            assertFalse(spool.flushToOs());
            assertTrue(spool.lastError().getMessage().contains("No space left"), spool.lastError().toString());
            int accepted = 1;
            while (append(spool, accepted) >= 0) {
                accepted++;
            }
            assertEquals(Refusal.IO_ERROR, spool.lastRefusal(), "refused once the gathered frames fill the buffer");
            assertNull(spool.next());
            assertFalse(spool.sync());

            // the caller's overflow policy: evict; appends go on in a new segment
            assertEquals(accepted, spool.evictOldest());
            assertTrue(append(spool, 7) >= 0);
            assertTrue(spool.sync());
            assertEquals(7, number(spool.next()));
        }
    }
}
