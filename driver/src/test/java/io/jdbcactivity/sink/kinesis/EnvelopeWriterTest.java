package io.jdbcactivity.sink.kinesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An envelope's record is exactly its events in the envelope's JSON, plain or as a gzip member
 * the JDK's own reader decodes, whatever the events' sizes against the chunks, and chunks come
 * back to the pool for the next record.
 */
class EnvelopeWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeyQueue key() {
        return new KeyQueue("0123456789abcdef", false, new Lane("0123456789abcdef", false, 1, Long.MAX_VALUE, 0));
    }

    /** Events of random sizes, some larger than a chunk; random text so that gzip has work. */
    private static byte[][] events(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] events = new byte[n][];
        for (int i = 0; i < n; i++) {
            int size = random.nextInt(10) == 0 ? random.nextInt(5_000, 150_000) : random.nextInt(1, 2_000);
            StringBuilder text = new StringBuilder(size);
            while (text.length() < size) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            events[i] = ("{\"i\":" + i + ",\"t\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        return events;
    }

    private static byte[] plain(byte[] record) throws Exception {
        if (record.length > 1 && record[0] == 0x1f && record[1] == (byte) 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(record))) {
                return in.readAllBytes();
            }
        }
        return record;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void aRecordIsItsEventsInTheEnvelope(int gzipLevel) throws Exception {
        EnvelopeWriter writer = new EnvelopeWriter("{\"id\":\"p\"}", gzipLevel, 8 << 20);
        KeyQueue key = key();
        for (int round = 0; round < 4; round++) { // later rounds run on chunks the pool gave back
            byte[][] events = events(40, round);
            EnvelopeWriter.Open open = writer.new Open(key, 0);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(("{\"type\":\"ClientActivityMonitoringRecord\",\"version\":\"1.0\",\"producer\":"
                    + "{\"id\":\"p\"},\"databaseActivityEventList\":[").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < events.length; i++) {
                byte[] padded = new byte[events[i].length + 7]; // the sink hands a buffer longer than the event
                System.arraycopy(events[i], 0, padded, 0, events[i].length);
                assertTrue(open.fits(events[i].length));
                open.add(padded, events[i].length);
                if (i > 0) {
                    expected.write(',');
                }
                expected.writeBytes(events[i]);
            }
            expected.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
            assertEquals(expected.size() - 2, open.size());
            PendingRecord record = open.seal();
            assertEquals(40, record.events);
            assertEquals(gzipLevel > 0, record.data[0] == 0x1f, "compressed only when asked");
            assertArrayEquals(expected.toByteArray(), plain(record.data));
            JsonNode envelope = JSON.readTree(plain(record.data));
            assertEquals(40, envelope.get("databaseActivityEventList").size());
        }
    }

    @Test
    void anIncompressibleRecordIsSentPlain() {
        EnvelopeWriter writer = new EnvelopeWriter("{}", 3, 8 << 20);
        EnvelopeWriter.Open open = writer.new Open(key(), 0);
        byte[] noise = new byte[300_000]; // random bytes: deflate can only make them larger (the writer does not parse)
        new SplittableRandom(5).nextBytes(noise);
        open.add(noise, noise.length);
        int size = open.size();
        byte[] data = open.seal().data;
        assertEquals('{', data[0], "sent as the plain envelope");
        assertEquals(size + 2, data.length);
        assertArrayEquals(noise, java.util.Arrays.copyOfRange(data, data.length - 2 - noise.length, data.length - 2));
    }

    @Test
    void chunksGoBackToThePoolBoundedAndAreReused() {
        ChunkedBody.Pool pool = new ChunkedBody.Pool(4 << 20);
        ChunkedBody body = new ChunkedBody(pool);
        byte[] piece = new byte[1000];
        for (int i = 0; i < 1_100; i++) {
            body.write(piece, 0, piece.length);
        }
        assertEquals(1_100_000, body.size());
        body.release();
        assertEquals(0, body.size());
        assertTrue(pool.pooledBytes() >= 1_100_000 && pool.pooledBytes() <= 4 << 20);
        pool.trim(); // all of it was taken since the pool began: all of it stays
        assertTrue(pool.pooledBytes() >= 1_100_000);
        long pooled = pool.pooledBytes();
        body.write(piece, 0, piece.length);
        assertEquals(pooled - ChunkedBody.MIN_CHUNK, pool.pooledBytes(), "the first chunk came from the pool");
        byte[] array = body.toArray();
        assertEquals(1000, array.length);
        body.release();
        pool.trim(); // one 4 KiB chunk was taken since the last trim: what else it holds goes
        assertEquals(ChunkedBody.MIN_CHUNK, pool.pooledBytes());
        pool.trim(); // nothing taken since
        assertEquals(0, pool.pooledBytes());
        ChunkedBody.Pool small = new ChunkedBody.Pool(100_000);
        ChunkedBody big = new ChunkedBody(small);
        for (int i = 0; i < 1_100; i++) {
            big.write(piece, 0, piece.length);
        }
        big.release();
        assertTrue(small.pooledBytes() <= 100_000, "never more than its bound");
        assertFalse(small.pooledBytes() == 0);
    }
}
