package io.jdbcactivity.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK interceptor the driver is given ({@code activity.kinesis.interceptors}): it records the
 * operation and {@code Content-Type} of each request the driver's own Kinesis client sends.
 */
public final class RequestRecorder implements ExecutionInterceptor {
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        REQUESTS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                + context.httpRequest().firstMatchingHeader("Content-Type").orElse("?"));
    }

    /** "operation content-type" of every request recorded so far. */
    static List<String> requests() {
        return List.copyOf(REQUESTS);
    }
}
