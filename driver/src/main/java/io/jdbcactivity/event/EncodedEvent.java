package io.jdbcactivity.event;

import java.nio.charset.StandardCharsets;

/**
 * One event as the encoder wrote it: UTF-8 JSON in {@link #bytes()}{@code [0, }{@link #length()}{@code )},
 * valid until the encoder's next call (the buffer is reused from event to event). Sinks copy the
 * bytes where they keep them; nothing converts characters to bytes after the encoder.
 */
public final class EncodedEvent {
    private final JsonWriter json;

    EncodedEvent(JsonWriter json) {
        this.json = json;
    }

    /** The buffer the event is in (longer than the event: see {@link #length()}). */
    public byte[] bytes() {
        return json.buffer();
    }

    public int length() {
        return json.length();
    }

    /** The event as text (tests, logs): decodes the bytes, so not for the publisher's loop. */
    @Override
    public String toString() {
        return new String(json.buffer(), 0, json.length(), StandardCharsets.UTF_8);
    }
}
