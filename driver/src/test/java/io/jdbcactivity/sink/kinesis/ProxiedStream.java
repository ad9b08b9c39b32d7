package io.jdbcactivity.sink.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.FaultProxy;
import io.jdbcactivity.fixtures.KinesisMock;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream of one test's own on the emulator, reached through a {@link FaultProxy} that the test
 * makes slow, refusing or hanging; closing it stops the publishers and the proxy.
 */
final class ProxiedStream implements AutoCloseable {
    private static final AtomicInteger STREAMS = new AtomicInteger();

    final String name;
    final FaultProxy proxy;
    private final KinesisMock kinesis;

    ProxiedStream(KinesisMock kinesis, String prefix, int shards) {
        this.kinesis = kinesis;
        this.name = prefix + "-" + STREAMS.incrementAndGet();
        kinesis.createStream(name, shards);
        this.proxy = FaultProxy.to(kinesis.endpoint());
    }

    /** The Kinesis sink's properties for this stream, through the proxy, then {@code extra} key/value pairs. */
    Properties props(String... extra) {
        Properties p = kinesis.sinkProperties(name);
        p.setProperty("activity.kinesis.endpoint", proxy.endpoint());
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return p;
    }

    /** The ids of the application's events in the stream now, each once (delivery is at least once). */
    Set<String> applicationEventIds() {
        Set<String> ids = new HashSet<>();
        for (JsonNode e : kinesis.reader(name).events()) {
            if (!e.at("/clientAuditFields/statementKind").asText().equals("PRODUCER")) {
                ids.add(e.at("/clientAuditFields/eventId").asText());
            }
        }
        return ids;
    }

    @Override
    public void close() {
        FaultInjector.reset();
        proxy.normal();
        Activity.shutdown();
        proxy.close();
    }
}
