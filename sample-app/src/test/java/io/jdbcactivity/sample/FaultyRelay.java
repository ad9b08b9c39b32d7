package io.jdbcactivity.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay in front of the emulator, for the viewer (which speaks Kinesis' JSON protocol,
 * one operation per request, named by {@code X-Amz-Target}), that fails chosen operations as
 * endpoints do: {@link Fault#UNAVAILABLE} answers 500 (a passing server error, retried),
 * {@link Fault#HANG} never answers (a hung endpoint). Everything else goes through unchanged.
 */
final class FaultyRelay implements AutoCloseable {
    enum Fault { NONE, UNAVAILABLE, HANG }

    private static final Set<String> DROPPED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding");

    private final String target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-relay");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger hanging = new AtomicInteger();

    FaultyRelay(String targetEndpoint) throws IOException {
        this.target = targetEndpoint;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, {@code operation} (e.g. {@code GetRecords}) meets {@code fault}. */
    void fail(String operation, Fault fault) {
        faults.put(operation, fault);
    }

    /** Waits until a call is being held by {@link Fault#HANG}: its caller now waits for an answer. */
    void awaitHangingCall(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (hanging.get() == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no call reached the relay within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String amzTarget = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = amzTarget.substring(amzTarget.indexOf('.') + 1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (faults.getOrDefault(operation, Fault.NONE)) {
                case HANG -> {
                    hanging.incrementAndGet();
                    closed.await(); // until the test ends
                    return;
                }
                case UNAVAILABLE -> respond(exchange, 500, "application/x-amz-json-1.1",
                        "{\"__type\":\"InternalFailure\",\"message\":\"injected by the test\"}"
                                .getBytes(StandardCharsets.UTF_8));
                case NONE -> relay(exchange, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!DROPPED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        respond(exchange, response.statusCode(), response.headers().firstValue("Content-Type")
                .orElse("application/x-amz-json-1.1"), response.body());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
