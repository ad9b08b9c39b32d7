package io.jdbcactivity.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sink's UTF-8 encoding is String.getBytes(UTF_8)'s, byte for byte. */
class Utf8BufferTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "{\"a\":1}", "café", "Ελληνικά", "日本語のテキスト", "emoji 😀 and 𝄞",
        "\u07ff\u0800\uffff", "mixed ascii, é, 中, 😀, end"})
    void encodesAsTheJdkDoes(String text) {
        Utf8Buffer b = new Utf8Buffer().encode(new StringBuilder(text));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.bytes(), b.length()));
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkAsInTheJdk() {
        String text = "x\ud800y\udc00z";
        Utf8Buffer b = new Utf8Buffer().encode(text);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.bytes(), b.length()));
    }

    @Test
    void theBufferGrowsAndIsReused() {
        Utf8Buffer b = new Utf8Buffer();
        String big = "é".repeat(10_000);
        assertEquals(20_000, b.encode(big).length());
        assertEquals(2, b.encode("ok").length());
        assertEquals("ok", new String(b.bytes(), 0, b.length(), StandardCharsets.UTF_8));
    }
}
