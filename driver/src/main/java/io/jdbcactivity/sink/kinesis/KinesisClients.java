package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.config.Option;
import io.jdbcactivity.publish.DriverThreads;
import io.jdbcactivity.config.InvalidOptionException;
import io.jdbcactivity.config.MissingOptionException;
import io.jdbcactivity.config.UncheckedOptionException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.netty.util.concurrent.GlobalEventExecutor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the sink's client with everything chosen explicitly: the Netty HTTP client (never one
 * discovered from the class path), its timeouts, the region and credentials chains, and no SDK
 * retries — the sink retries failed entries itself, with one policy. Nothing JVM-global is set.
 */
final class KinesisClients {
    private KinesisClients() {
    }

    /**
     * The client and everything it runs on, all owned here so that closing leaves no thread and
     * no open selector behind (an application server undeploying the driver checks exactly
     * that). {@code credentialParts} are the providers and the STS client, outermost first.
     */
    record Handle(KinesisAsyncClient client, SdkAsyncHttpClient http, SdkEventLoopGroup eventLoops,
            DriverThreads.Factory eventLoopThreads, ScheduledExecutorService timers,
            DriverThreads.Factory timerThreads, List<Object> credentialParts) {
        void close() {
            release(client, http, credentialParts, eventLoops, eventLoopThreads, timers, timerThreads);
        }
    }

    /**
     * Closes what exists of a client (any part may be null: a build that failed half way).
     * A client closes neither the HTTP client nor the credentials provider it was given, and
     * StsAssumeRoleCredentialsProvider not the STS client it was given: they are closed here, the
     * HTTP client while the event loops still run (its channel pools close on them); the quiet
     * period lets the close listeners they schedule finish before the loops end (else Netty logs
     * rejected tasks).
     */
    private static void release(KinesisAsyncClient client, SdkAsyncHttpClient http, List<Object> credentialParts,
            SdkEventLoopGroup eventLoops, DriverThreads.Factory eventLoopThreads, ScheduledExecutorService timers,
            DriverThreads.Factory timerThreads) {
        closeQuietly(client);
        closeQuietly(http);
        credentialParts.forEach(KinesisClients::closeQuietly);
        if (timers != null) {
            timers.shutdownNow();
        }
        if (eventLoops != null) {
            eventLoops.eventLoopGroup().shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(5_000);
        }
        try {
            if (timers != null) {
                timers.awaitTermination(2, TimeUnit.SECONDS);
            }
            // Terminated is not ended: the threads are still on their way out, and a container
            // looking right after an undeploy would see them (and their class loader) alive.
            eventLoopThreads.join(2_000);
            timerThreads.join(2_000);
            if (eventLoops != null) {
                // The SDK's channel pools close through Netty's GlobalEventExecutor, whose thread
                // lingers a second after its last task; with the relocated Netty of the all jar it
                // is ours alone, and it holds the driver's classes while it runs.
                GlobalEventExecutor.INSTANCE.awaitInactivity(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds the client. What can fail on bad settings (region, credentials, interceptor classes)
     * is resolved before any thread or selector exists; should building fail after that,
     * everything made so far is closed: a pool retrying a misconfigured URL leaks nothing.
     *
     * @param interceptorLoader where {@code activity.kinesis.interceptors} classes are looked up
     *                          (the connecting application's context class loader)
     */
    static Handle create(KinesisSettings s, ClassLoader interceptorLoader) {
        List<ExecutionInterceptor> interceptors = new ArrayList<>();
        for (String name : s.interceptors()) {
            interceptors.add(instantiate(name, interceptorLoader));
        }
        Region region = region(s);
        AwsCredentialsProvider base = s.profile() != null
                ? ProfileCredentialsProvider.create(s.profile())
                : DefaultCredentialsProvider.builder().build();
        StsClient sts = null;
        SdkEventLoopGroup eventLoops = null;
        ScheduledExecutorService timers = null;
        DriverThreads.Factory eventLoopThreads = DriverThreads.factory("jdbc-activity-netty-");
        DriverThreads.Factory timerThreads = DriverThreads.factory("jdbc-activity-timer-");
        SdkAsyncHttpClient http = null;
        AwsCredentialsProvider credentials = base;
        try {
            if (s.roleArn() != null) {
                // STS calls are rare (credential refresh): the small JDK-based client serves them.
                sts = StsClient.builder()
                        .region(region)
                        .credentialsProvider(base)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                credentials = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> r.roleArn(s.roleArn()).roleSessionName("jdbc-activity"))
                        .build();
            }
            eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).threadFactory(eventLoopThreads).build();
            timers = Executors.newSingleThreadScheduledExecutor(timerThreads);
            http = NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(eventLoops)
                    .maxConcurrency(Math.max(2, s.maxInFlight() * 2))
                    .connectionTimeout(Duration.ofMillis(s.connectTimeoutMs()))
                    .readTimeout(Duration.ofMillis(s.requestTimeoutMs()))
                    .writeTimeout(Duration.ofMillis(s.requestTimeoutMs()))
                    .connectionAcquisitionTimeout(Duration.ofMillis(s.requestTimeoutMs()))
                    .build();
            ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(Duration.ofMillis(s.requestTimeoutMs()))
                    .apiCallTimeout(Duration.ofMillis(s.requestTimeoutMs()))
                    .scheduledExecutorService(timers)
                    .retryStrategy(AwsRetryStrategy.doNotRetry());
            interceptors.forEach(override::addExecutionInterceptor);
            KinesisAsyncClientBuilder b = KinesisAsyncClient.builder()
                    .httpClient(http)
                    .region(region)
                    .credentialsProvider(credentials)
                    // completions only enqueue a result: run them on the I/O thread, no executor of threads
                    .asyncConfiguration(a -> a.advancedOption(
                            SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run))
                    .overrideConfiguration(override.build());
            if (s.endpoint() != null) {
                b.endpointOverride(URI.create(s.endpoint()));
            }
            return new Handle(b.build(), http, eventLoops, eventLoopThreads, timers, timerThreads,
                    credentialParts(base, credentials, sts));
        } catch (RuntimeException | Error e) {
            release(null, http, credentialParts(base, credentials, sts), eventLoops, eventLoopThreads, timers,
                    timerThreads);
            throw e;
        }
    }

    /** The credential providers and the STS client made so far, outermost first (no nulls). */
    private static List<Object> credentialParts(AwsCredentialsProvider base, AwsCredentialsProvider credentials,
            StsClient sts) {
        List<Object> parts = new ArrayList<>(3);
        if (credentials != base) {
            parts.add(credentials);
        }
        if (sts != null) {
            parts.add(sts);
        }
        parts.add(base);
        return List.copyOf(parts);
    }

    private static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception | LinkageError e) {
                // closing is best effort: what matters is that every part is asked to
            }
        }
    }

    /**
     * The stream's region: {@code activity.kinesis.region}, else the one in the stream's ARN, else
     * the SDK's region chain. Without an endpoint override it must be a region the SDK's metadata
     * knows: for any other name the SDK builds a host name nobody serves
     * ({@code kinesis.xx-nowhere-1.amazonaws.com}), every call fails on DNS, and the sink retried
     * that for ever with one warning and a counter to show for it. With an override any name goes
     * (emulators, a region newer than the SDK, a private one): it then only signs the requests.
     */
    static Region region(KinesisSettings s) {
        if (s.region() != null) {
            return known(Region.of(s.region()), Option.KINESIS_REGION.key() + "=" + s.region(), s);
        }
        if (s.regionFromArn() != null) {
            return known(Region.of(s.regionFromArn()), "the region " + s.regionFromArn() + " of "
                    + Option.KINESIS_STREAM.key() + "=" + s.stream(), s);
        }
        Region chain;
        try {
            chain = DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            MissingOptionException missing = new MissingOptionException("no AWS region: set "
                    + "activity.kinesis.region (or AWS_REGION), or name the stream by ARN");
            missing.initCause(e);
            throw new UncheckedOptionException(missing);
        }
        return known(chain, "the region " + chain.id() + " of the SDK's region chain (AWS_REGION, aws.region, "
                + "the profile's region)", s);
    }

    private static Region known(Region region, String source, KinesisSettings s) {
        if (s.endpoint() != null || knownToTheSdk(region)) {
            return region;
        }
        String lower = region.id().toLowerCase(Locale.ROOT);
        String hint = !lower.equals(region.id()) && knownToTheSdk(Region.of(lower))
                ? " (did you mean " + lower + "?)" : "";
        throw new UncheckedOptionException(new InvalidOptionException(source
                + " is not a region this driver's AWS SDK knows" + hint
                + ", and with no " + Option.KINESIS_ENDPOINT.key() + " every call would fail to reach it. "
                + "Correct the region, or for a region newer than the SDK, a private one or an emulator set "
                + Option.KINESIS_ENDPOINT.key() + " to its endpoint (e.g. https://kinesis." + region.id()
                + ".amazonaws.com), which makes any region name acceptable."));
    }

    /** Whether the SDK's region metadata has {@code region}; FIPS pseudo-regions are the SDK's own spelling. */
    private static boolean knownToTheSdk(Region region) {
        String id = region.id();
        // The SDK rewrites fips-us-east-1 and us-east-1-fips to us-east-1 with FIPS endpoints.
        if (id.startsWith("fips-")) {
            id = id.substring("fips-".length());
        } else if (id.endsWith("-fips")) {
            id = id.substring(0, id.length() - "-fips".length());
        }
        return !id.isBlank() && Region.of(id).metadata() != null;
    }

    private static ExecutionInterceptor instantiate(String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, true,
                    loader != null ? loader : KinesisClients.class.getClassLoader());
            return (ExecutionInterceptor) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            InvalidOptionException invalid = new InvalidOptionException("activity.kinesis.interceptors: cannot "
                    + "create " + className + " (a public ExecutionInterceptor with a no-argument constructor): " + e);
            invalid.initCause(e);
            throw new UncheckedOptionException(invalid);
        }
    }
}
