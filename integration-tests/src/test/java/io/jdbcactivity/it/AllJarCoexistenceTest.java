package io.jdbcactivity.it;

import io.jdbcactivity.fixtures.ActivityEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * The self-contained jar on a class path that also holds the application's own, older AWS SDK and
 * Netty: the application's Kinesis client and the driver's publisher work side by side, each on
 * its own copy. What the jar holds is {@link AllJarContentsTest}'s.
 */
class AllJarCoexistenceTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("activity", "orders");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();

    @Test
    void theApplicationsSdkAndTheDriversRelocatedCopyWorkSideBySide() throws Exception {
        // the application's SDK (2.20) and Netty, through its own async client
        String appSdk = software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION;
        String driverSdk = (String) Class.forName("io.jdbcactivity.shaded.awssdk.core.util.VersionInfo")
                .getField("SDK_VERSION").get(null);
        assertEquals("2.20.162", appSdk);
        assertNotEquals(appSdk, driverSdk, "two SDK versions on one class path");
        String appNetty = io.netty.util.Version.identify().get("netty-common").artifactVersion();
        assertTrue(appNetty.startsWith("4.1.") && !appNetty.equals("4.1.126.Final"), appNetty);

        try (KinesisAsyncClient app = KinesisAsyncClient.builder()
                .endpointOverride(URI.create(KINESIS.endpoint()))
                .region(Region.of(KinesisMock.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
                Connection c = DriverManager.getConnection(Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "activity",
                        "coexist"), MARIADB.user(), MARIADB.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40))");
            s.executeUpdate("INSERT INTO product VALUES (1, 'tea')");
            // the application publishes too, with its own SDK, while the driver does
            String sequence = app.putRecord(r -> r.streamName("orders").partitionKey("o-1")
                    .data(SdkBytes.fromUtf8String("{\"order\":1}"))).get().sequenceNumber();
            assertTrue(sequence != null && !sequence.isEmpty(), "the application's own put worked");
            s.executeUpdate("UPDATE product SET name = 'green tea' WHERE id = 1");
        }
        assertTrue(Activity.flush(Duration.ofSeconds(20)), Activity.stats().toString());

        List<JsonNode> events = Streams.statements(KINESIS, "activity", "coexist");
        assertEquals(List.of("CREATE TABLE", "INSERT", "UPDATE"),
                events.stream().map(e -> e.path("command").asText()).toList());
        assertEquals("product:UPDATE", ActivityEvents.tables(events.get(2)));
    }
}
