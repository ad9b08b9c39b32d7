package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.publish.DriverThreads;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
     * The client and the threads it runs on, all owned here so that closing leaves no thread
     * behind (an application server undeploying the driver checks exactly that).
     */
    record Handle(KinesisAsyncClient client, SdkAsyncHttpClient http, SdkEventLoopGroup eventLoops,
            ScheduledExecutorService timers) {
        void close() {
            client.close();
            // A client does not close an HTTP client it was given: close it here, so its channel
            // pools close while the event loops still run; the quiet period lets the close
            // listeners they schedule finish before the loops end (else Netty logs rejected tasks).
            http.close();
            timers.shutdownNow();
            eventLoops.eventLoopGroup().shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(5_000);
            try {
                timers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Handle create(KinesisSettings s) {
        SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2)
                .threadFactory(DriverThreads.factory("jdbc-activity-netty-")).build();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                DriverThreads.factory("jdbc-activity-timer-"));
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
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
        for (String name : s.interceptors()) {
            override.addExecutionInterceptor(instantiate(name));
        }
        Region region = region(s);
        KinesisAsyncClientBuilder b = KinesisAsyncClient.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials(s, region))
                // completions only enqueue a result: run them on the I/O thread, no executor of threads
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run))
                .overrideConfiguration(override.build());
        if (s.endpoint() != null) {
            b.endpointOverride(URI.create(s.endpoint()));
        }
        return new Handle(b.build(), http, eventLoops, timers);
    }

    private static Region region(KinesisSettings s) {
        if (s.region() != null) {
            return Region.of(s.region());
        }
        if (s.regionFromArn() != null) {
            return Region.of(s.regionFromArn());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no AWS region: set activity.kinesis.region (or AWS_REGION), "
                    + "or name the stream by ARN", e);
        }
    }

    private static AwsCredentialsProvider credentials(KinesisSettings s, Region region) {
        AwsCredentialsProvider base = s.profile() != null
                ? ProfileCredentialsProvider.create(s.profile())
                : DefaultCredentialsProvider.builder().build();
        if (s.roleArn() == null) {
            return base;
        }
        // STS calls are rare (credential refresh): the small JDK-based client serves them.
        StsClient sts = StsClient.builder()
                .region(region)
                .credentialsProvider(base)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(s.roleArn()).roleSessionName("jdbc-activity"))
                .build();
    }

    private static ExecutionInterceptor instantiate(String className) {
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(className, true,
                    context != null ? context : KinesisClients.class.getClassLoader());
            return (ExecutionInterceptor) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("activity.kinesis.interceptors: cannot create " + className
                    + " (a public ExecutionInterceptor with a no-argument constructor)", e);
        }
    }
}
