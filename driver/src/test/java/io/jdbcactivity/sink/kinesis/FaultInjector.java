package io.jdbcactivity.sink.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Makes PutRecords partially fail the way Kinesis does: chosen entries are taken out of the
 * request (so they never reach the emulator) and put back into the response as failed entries
 * with the chosen error code. Loaded by class name through {@code activity.kinesis.interceptors}.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Integer>> FAILED = new ExecutionAttribute<>("injected-failures");
    private static volatile int failEvery;
    private static volatile String errorCode;
    /** Fail every entry but the producer's own (keys starting with {@code p}), on every call. */
    private static volatile boolean applicationOnly;
    private static final AtomicInteger CALLS_LEFT = new AtomicInteger();
    private static final AtomicInteger INJECTED = new AtomicInteger();

    /** Fails every {@code n}-th entry (starting with the first) of the next {@code calls} PutRecords calls. */
    public static void failEvery(int n, String code, int calls) {
        failEvery = n;
        errorCode = code;
        CALLS_LEFT.set(calls);
        INJECTED.set(0);
    }

    /**
     * Fails every entry of the application's connections, on every call from now on, while the
     * producer's own (heartbeats, loss markers) go through: a stream that takes the driver's
     * reports but not its events, so that what a stop gives up can be read in the stream.
     */
    public static void failApplicationEntries(String code) {
        errorCode = code;
        INJECTED.set(0);
        applicationOnly = true;
    }

    public static int injected() {
        return INJECTED.get();
    }

    public static void reset() {
        CALLS_LEFT.set(0);
        applicationOnly = false;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutRecordsRequest request)
                || !applicationOnly && CALLS_LEFT.get() <= 0) {
            return context.request();
        }
        List<Integer> failed = new ArrayList<>();
        List<PutRecordsRequestEntry> kept = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            boolean fail = applicationOnly ? !request.records().get(i).partitionKey().startsWith("p")
                    : i % failEvery == 0;
            if (fail) {
                failed.add(i);
            } else {
                kept.add(request.records().get(i));
            }
        }
        if (kept.isEmpty() && applicationOnly) { // nothing may go through: the whole call fails
            INJECTED.addAndGet(failed.size());
            throw software.amazon.awssdk.core.exception.SdkClientException.create("injected by the test: "
                    + errorCode);
        }
        if (failed.isEmpty() || CALLS_LEFT.getAndDecrement() <= 0) {
            return context.request();
        }
        if (kept.isEmpty()) {
            // Kinesis refuses an empty call: a call whose every entry is to fail (a single record)
            // fails whole, with the same error code, as Kinesis answers a throttled call
            INJECTED.addAndGet(failed.size());
            throw software.amazon.awssdk.services.kinesis.model.KinesisException.builder().statusCode(400)
                    .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode(errorCode).errorMessage("injected by the test").build())
                    .build();
        }
        attributes.putAttribute(FAILED, failed);
        INJECTED.addAndGet(failed.size());
        return request.toBuilder().records(kept).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        List<Integer> failed = attributes.getAttribute(FAILED);
        if (failed == null || !(context.response() instanceof PutRecordsResponse response)) {
            return context.response();
        }
        List<PutRecordsResultEntry> results = new ArrayList<>(response.records());
        for (int index : failed) {
            results.add(index, PutRecordsResultEntry.builder().errorCode(errorCode)
                    .errorMessage("injected by the test").build());
        }
        int failedCount = (response.failedRecordCount() == null ? 0 : response.failedRecordCount()) + failed.size();
        return response.toBuilder().records(results).failedRecordCount(failedCount).build();
    }
}
