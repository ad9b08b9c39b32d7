package io.jdbcactivity.sample.stream;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Builds the application's Kinesis client so that it speaks Kinesis' JSON protocol, as the AWS
 * CLI does, instead of the SDK's default CBOR: the SDK cannot decode kinesis-mock's CBOR encoding
 * of larger GetRecords answers ("Unable to unmarshall response"), which the viewer must read.
 *
 * <p>Decision: the SDK has no per-client switch, only the JVM-wide {@code aws.cborEnabled},
 * which SDK 2.40.2 reads once, when a client is constructed ({@code AwsCborProtocolFactory.builder()}
 * in the client's constructor). So it is set for the duration of {@code build()} only and the
 * previous value (or its absence) is restored at once. The driver runs in this JVM too, and its
 * Kinesis client must speak CBOR as it does for users: this application builds its own clients
 * before its pool makes the driver build one, and the lock keeps two builds here from
 * overlapping. Rejected: leaving the property set (it changed the driver's client, so the demo did
 * not run what users run), and a hand-written JSON client (request signing and error handling
 * that the SDK already does). The tests check that the property is unchanged after each command
 * and that the driver's requests in the same JVM are CBOR.
 */
final class JsonProtocol {
    static final String CBOR_PROPERTY = "aws.cborEnabled";
    private static final Object LOCK = new Object();

    private JsonProtocol() {
    }

    static KinesisClient build(KinesisClientBuilder builder) {
        synchronized (LOCK) {
            String previous = System.getProperty(CBOR_PROPERTY);
            System.setProperty(CBOR_PROPERTY, "false");
            try {
                return builder.build();
            } finally {
                if (previous == null) {
                    System.clearProperty(CBOR_PROPERTY);
                } else {
                    System.setProperty(CBOR_PROPERTY, previous);
                }
            }
        }
    }
}
