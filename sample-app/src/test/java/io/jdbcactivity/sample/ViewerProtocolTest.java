package io.jdbcactivity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdbcactivity.sample.stream.KinesisAccess;
import io.jdbcactivity.sample.stream.StreamTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The application's Kinesis client speaks JSON (see {@code JsonProtocol}) without changing the
 * JVM-wide {@code aws.cborEnabled} it found: a client built afterwards the SDK's usual way (as the
 * driver's is) still speaks CBOR, and a value the user set stays.
 */
class ViewerProtocolTest {
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String CBOR = "application/x-amz-cbor-1.1";

    @Test
    void theViewerSpeaksJsonAndOtherClientsKeepTheirProtocol() throws Exception {
        try (FixedAnswerKinesis kinesis = new FixedAnswerKinesis(400, "ResourceNotFoundException", "no such stream")) {
            List<String> expected = new ArrayList<>();
            for (String setByUser : Arrays.asList(null, "true")) {
                setCbor(setByUser);
                try (KinesisAccess viewer = KinesisAccess.open(new StreamTarget("s", "us-east-1", kinesis.endpoint()))) {
                    assertEquals(setByUser, System.getProperty("aws.cborEnabled"), "restored once the client is built");
                    assertThrows(UsageException.class, viewer::requireStream);
                    expected.add(JSON);
                }
                try (KinesisClient other = KinesisClient.builder().endpointOverride(URI.create(kinesis.endpoint()))
                        .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()) {
                    assertThrows(SdkException.class, () -> other.describeStreamSummary(b -> b.streamName("s")));
                    expected.add(CBOR);
                }
            }
            assertEquals(expected, kinesis.contentTypes());
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
    }

    private static void setCbor(String value) {
        if (value == null) {
            System.clearProperty("aws.cborEnabled");
        } else {
            System.setProperty("aws.cborEnabled", value);
        }
    }
}
