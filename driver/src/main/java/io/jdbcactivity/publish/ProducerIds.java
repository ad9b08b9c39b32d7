package io.jdbcactivity.publish;

import java.util.concurrent.ThreadLocalRandom;

/** Identity of a publisher in the stream: the partition key of its own events and the envelope's producer. */
final class ProducerIds {
    private ProducerIds() {
    }

    static String next() {
        return "p" + String.format("%015x", ThreadLocalRandom.current().nextLong() >>> 4);
    }

    /** The envelope's {@code producer} object: who wrote the record, from which process. */
    static String describe(String producerId) {
        String host = System.getenv("HOSTNAME");
        if (host == null) {
            host = System.getenv("COMPUTERNAME");
        }
        Package p = ProducerIds.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "{\"id\":\"" + producerId + "\",\"name\":\"jdbc-activity\",\"version\":" + quote(version)
                + ",\"host\":" + quote(host) + ",\"pid\":" + ProcessHandle.current().pid() + "}";
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            if (c >= 0x20) {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
