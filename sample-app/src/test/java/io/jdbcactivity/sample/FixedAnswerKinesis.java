package io.jdbcactivity.sample;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An endpoint that answers every call with one Kinesis error in the JSON protocol (as Kinesis
 * answers a request whose key or signature it refuses), and records each request's
 * {@code Content-Type}: JSON or CBOR, the protocol the client spoke.
 */
final class FixedAnswerKinesis implements AutoCloseable {
    private final HttpServer server;
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    FixedAnswerKinesis(int status, String errorType, String message) throws IOException {
        byte[] body = ("{\"__type\":\"" + errorType + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
