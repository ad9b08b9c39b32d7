package io.jdbcactivity.sink.kinesis;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * A Kinesis endpoint that accepts every PutRecords at once, for {@link PutRecordsBenchmark}: it
 * reads the CBOR request (as the SDK sends it by default), counts its records and their bytes, and
 * answers a successful CBOR response with one sequence number per record. It runs in a JVM of its
 * own ({@link #start}), on the loopback address, so none of its CPU is counted in the benchmark's
 * process; it ends when its parent closes its standard input. CBOR is read and written with the
 * SDK's own shaded Jackson, already on the class path.
 *
 * <p>With {@code json} as argument it answers JSON 1.1 ({@code application/x-amz-json-1.1})
 * instead: which the SDK's CBOR client accepts is the question it answers.
 */
public final class FakeKinesis {
    static final String TARGET = "Kinesis_20131202.PutRecords";
    static final String CBOR = "application/x-amz-cbor-1.1";
    private static final CBORFactory FACTORY = new CBORFactory();
    private static final software.amazon.awssdk.thirdparty.jackson.core.JsonFactory JSON =
            new software.amazon.awssdk.thirdparty.jackson.core.JsonFactory();

    private final AtomicLong sequence = new AtomicLong(49_000_000_000_000_000L);
    private final boolean answerJson;

    private FakeKinesis(boolean answerJson) {
        this.answerJson = answerJson;
    }

    /** The server in a child JVM; returns it and the port it listens on, once it listens. */
    static Started start(boolean answerJson) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                // without it the answer's headers and body wait on Nagle and the delayed ACK: 40 ms a call
                "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), FakeKinesis.class.getName()));
        if (answerJson) {
            command.add("json");
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("port ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the fake Kinesis did not start: " + line);
        }
        return new Started(p, Integer.parseInt(line.substring(5).trim()));
    }

    record Started(Process process, int port) implements AutoCloseable {
        String endpoint() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.getOutputStream().close(); // ends it
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public static void main(String[] args) throws IOException {
        FakeKinesis fake = new FakeKinesis(args.length > 0 && args[0].equals("json"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                fake.answer(exchange);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream()); // until the parent closes it, or dies
        server.stop(0);
        System.exit(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!TARGET.equals(target) || type == null || !type.startsWith(CBOR)) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            fail(exchange, "expected " + TARGET + " in " + CBOR + ", got " + target + " in " + type);
            return;
        }
        int records = countRecords(exchange.getRequestBody());
        byte[] body = response(records);
        exchange.getResponseHeaders().set("Content-Type", answerJson ? "application/x-amz-json-1.1" : CBOR);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "bench-" + sequence.get());
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Reads the whole request: the records of {@code {"Records":[{"Data":…,"PartitionKey":…},…],…}}. */
    private static int countRecords(InputStream body) throws IOException {
        int records = 0;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a CBOR map");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        records++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            body.transferTo(OutputStream.nullOutputStream());
        }
        return records;
    }

    private byte[] response(int records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 80 * records);
        try (JsonGenerator g = answerJson ? JSON.createGenerator(out) : FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("FailedRecordCount", 0);
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < records; i++) {
                g.writeStartObject();
                g.writeStringField("SequenceNumber", Long.toString(sequence.incrementAndGet()) + "000000000000000000");
                g.writeStringField("ShardId", "shardId-000000000000");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void fail(HttpExchange exchange, String message) throws IOException {
        byte[] body = ("{\"__type\":\"ValidationException\",\"message\":\"" + message.replace('"', '\'') + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(400, body.length);
        exchange.getResponseBody().write(body);
    }
}
