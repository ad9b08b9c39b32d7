package io.jdbcactivity.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer's bytes are UTF-8 as the JDK writes it, and JSON as Jackson reads it back. */
class JsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] written(JsonWriter w) {
        return Arrays.copyOf(w.buffer(), w.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "café", "Ελληνικά", "日本語のテキスト", "emoji 😀 and 𝄞",
        "\u07ff\u0800\uffff", "mixed ascii, é, 中, 😀, end"})
    void textWithoutEscapesIsTheJdksUtf8(String text) {
        JsonWriter w = new JsonWriter(4);
        w.value(text);
        assertArrayEquals(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8), written(w));
    }

    @Test
    void escapesAreJsonsAndLoneSurrogatesBecomeTheReplacementCharacter() throws Exception {
        JsonWriter w = new JsonWriter();
        w.value("q\"b\\n\nr\rt\tc\u0001l\u2028p\u2029 x\ud800y\udc00z");
        String text = new String(written(w), StandardCharsets.UTF_8);
        assertEquals("\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001l\\u2028p\\u2029 x\\ufffdy\\ufffdz\"", text);
        assertEquals("q\"b\\n\nr\rt\tc\u0001l\u2028p\u2029 x\ufffdy\ufffdz", JSON.readTree(text).asText());
    }

    @Test
    void randomTextReadsBackAsWritten() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(0, 40)];
            for (int i = 0; i < chars.length; i++) {
                int kind = random.nextInt(4);
                chars[i] = (char) (kind == 0 ? random.nextInt(0, 0x80) : kind == 1 ? random.nextInt(0x80, 0x800)
                        : kind == 2 ? random.nextInt(0x800, 0xd800) : random.nextInt(0xe000, 0x10000));
            }
            String s = new String(chars);
            JsonWriter w = new JsonWriter(8);
            w.beginObject().field("k", s).endObject();
            JsonNode back = JSON.readTree(written(w));
            assertEquals(s, back.get("k").asText(), () -> "round " + s.chars().mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void numbersAndStructure() throws Exception {
        JsonWriter w = new JsonWriter(2);
        w.beginObject().field(JsonWriter.Name.of("a"), 0).field("b", -7).field("c", Long.MIN_VALUE)
                .field("d", Long.MAX_VALUE).field("e", 1234567890L).fieldOrNull(JsonWriter.Name.of("f"), -1)
                .field("g", true).field("h", (String) null).name("i").beginArray().value(1).value("x").endArray()
                .endObject();
        assertEquals("{\"a\":0,\"b\":-7,\"c\":-9223372036854775808,\"d\":9223372036854775807,\"e\":1234567890,"
                + "\"f\":null,\"g\":true,\"h\":null,\"i\":[1,\"x\"]}", new String(written(w), StandardCharsets.UTF_8));
    }

    @Test
    void fragmentsAreCopiedWithTheirCommas() {
        JsonWriter piece = new JsonWriter();
        piece.field("x", 1).field("y", "z");
        byte[] fragment = piece.copy(0);
        JsonWriter w = new JsonWriter();
        w.beginObject().fragment(fragment).field("after", 2).endObject();
        assertEquals("{\"x\":1,\"y\":\"z\",\"after\":2}", new String(written(w), StandardCharsets.UTF_8));
        w.reset();
        w.beginObject().field("before", 0).fragment(fragment).endObject();
        assertEquals("{\"before\":0,\"x\":1,\"y\":\"z\"}", new String(written(w), StandardCharsets.UTF_8));
        w.reset();
        w.beginObject().field("a", 1).fragment(new byte[0]).field("b", 2).endObject(); // an empty one adds nothing
        assertEquals("{\"a\":1,\"b\":2}", new String(written(w), StandardCharsets.UTF_8));
    }

    @Test
    void theBufferGrowsAndIsReused() {
        JsonWriter w = new JsonWriter(16);
        w.value("é".repeat(10_000));
        assertEquals(20_002, w.length());
        w.reset();
        w.value("ok");
        assertEquals("\"ok\"", new String(w.buffer(), 0, w.length(), StandardCharsets.UTF_8));
    }
}
