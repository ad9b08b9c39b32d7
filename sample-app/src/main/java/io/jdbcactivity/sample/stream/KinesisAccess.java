package io.jdbcactivity.sample.stream;

import io.jdbcactivity.sample.UsageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The application's own Kinesis client (the driver has its own, inside): a blocking client over
 * the JDK's HTTP, the SDK's default credential and region chains, and AWS errors turned into
 * one-line messages that say what to do.
 */
public final class KinesisAccess implements AutoCloseable {
    /** Error codes of a request whose signature or key Kinesis refused (HTTP 400 or 403). */
    private static final Set<String> REJECTED_CREDENTIALS = Set.of("UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignatureException", "ExpiredTokenException",
            "InvalidClientTokenId", "MissingAuthenticationTokenException");

    private final StreamTarget target;
    private final KinesisClient client;

    private KinesisAccess(StreamTarget target, KinesisClient client) {
        this.target = target;
        this.client = client;
    }

    public static KinesisAccess open(StreamTarget target) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60)));
        String region = target.region() != null ? target.region() : target.arnRegion();
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (target.endpoint() != null) {
            URI uri;
            try {
                uri = URI.create(target.endpoint());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--endpoint " + target.endpoint() + " is not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new UsageException("--endpoint " + target.endpoint() + " needs a scheme and a host, "
                        + "e.g. http://127.0.0.1:4568");
            }
            builder.endpointOverride(uri);
        }
        try {
            return new KinesisAccess(target, JsonProtocol.build(builder));
        } catch (SdkClientException e) {
            if (String.valueOf(e.getMessage()).contains("region")) {
                throw new UsageException("no AWS region: give --region (or set AWS_REGION or a profile's region)");
            }
            throw new UsageException("cannot create the Kinesis client: " + e.getMessage(), e);
        }
    }

    public KinesisClient client() {
        return client;
    }

    public StreamTarget target() {
        return target;
    }

    /** Fails with a clear message unless the stream exists and can be read or written. */
    public void requireStream() {
        StreamStatus status = call(() -> client.describeStreamSummary(describe()).streamDescriptionSummary()
                .streamStatus());
        if (status == StreamStatus.DELETING) {
            throw new UsageException(target.describe() + " is being deleted");
        }
    }

    /** Creates the stream (or finds it there) and waits until it is ACTIVE. */
    public boolean createStream(int shards) {
        boolean created;
        try {
            // CreateStream takes a name only: the region of an ARN was used for the client
            call(() -> client.createStream(CreateStreamRequest.builder().streamName(target.name())
                    .shardCount(shards).build()));
            created = true;
        } catch (UsageException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
            created = false;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (call(() -> client.describeStreamSummary(describe()).streamDescriptionSummary().streamStatus())
                    == StreamStatus.ACTIVE) {
                return created;
            }
            sleep(250);
        }
        throw new UsageException(target.describe() + " did not become ACTIVE within 2 minutes");
    }

    DescribeStreamSummaryRequest describe() {
        return target.isArn() ? DescribeStreamSummaryRequest.builder().streamARN(target.stream()).build()
                : DescribeStreamSummaryRequest.builder().streamName(target.stream()).build();
    }

    /** Runs a call, turning what a user can fix into a {@link UsageException}. */
    <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw explain(e);
        }
    }

    UsageException explain(SdkException e) {
        return explain(e, null);
    }

    /** The failure as one line that says what to do; {@code context} (if any) is added in brackets. */
    UsageException explain(SdkException e, String context) {
        UsageException explained = explainAlone(e);
        return context == null ? explained
                : new UsageException(explained.getMessage() + " (" + context + ")", explained.getCause());
    }

    private UsageException explainAlone(SdkException e) {
        if (e instanceof ResourceNotFoundException) {
            return new UsageException(target.describe() + " does not exist: create it (the create-stream command here, "
                    + "or aws kinesis create-stream --stream-name " + target.name() + " --shard-count 1)", e);
        }
        if (e instanceof AwsServiceException a && REJECTED_CREDENTIALS.contains(errorCode(a))) {
            return new UsageException("the AWS credentials were rejected (" + errorCode(a) + "): check AWS_PROFILE, "
                    + "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)", e);
        }
        if (e instanceof AccessDeniedException || (e instanceof KinesisException k && k.statusCode() == 403)) {
            return new UsageException("access to " + target.describe() + " denied (" + firstLine(e)
                    + "): the credentials need kinesis:DescribeStreamSummary, ListShards, GetShardIterator and "
                    + "GetRecords to read, PutRecords to write", e);
        }
        if (e instanceof ResourceInUseException) {
            return new UsageException(target.describe() + " is in use: " + firstLine(e), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("credentials")) {
            return new UsageException("no AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY (any values for an emulator)", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof java.net.SocketTimeoutException) {
                return new UsageException("cannot reach the Kinesis endpoint"
                        + (target.endpoint() != null ? " " + target.endpoint() : " of " + target.describe())
                        + ": " + t.getClass().getSimpleName() + (t.getMessage() != null ? " " + t.getMessage() : ""), e);
            }
        }
        return new UsageException(target.describe() + ": " + firstLine(e), e);
    }

    /**
     * Failures that pass by themselves, worth retrying while reading: no answer at all (refused
     * or reset connections, timeouts), a 5xx answer, throttling. Everything else (a missing
     * stream, a denied or unsigned request, an answer the SDK cannot read) stays as it is.
     */
    boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException a) {
            return a.statusCode() >= 500 || a.isThrottlingException()
                    || e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (String.valueOf(e.getMessage()).contains("credentials")) {
            return false; // a credentials chain that found nothing, however it failed
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
