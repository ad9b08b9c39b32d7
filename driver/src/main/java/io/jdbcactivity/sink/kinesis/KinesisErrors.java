package io.jdbcactivity.sink.kinesis;

import java.util.Set;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Sorts Kinesis failures: a configuration problem (no stream, no permission, KMS key unusable)
 * will not heal by retrying soon, so the sink pauses and says what to fix; everything else is
 * retried with backoff; throttling also slows the sender.
 */
final class KinesisErrors {
    private static final Set<String> CONFIGURATION = Set.of("ResourceNotFoundException", "AccessDeniedException",
            "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "KMSDisabledException", "KMSInvalidStateException", "KMSNotFoundException", "KMSAccessDeniedException",
            "KMSOptInRequired", "InvalidArgumentException", "ValidationException");
    private static final Set<String> THROTTLING = Set.of("ProvisionedThroughputExceededException",
            "LimitExceededException", "ThrottlingException", "KMSThrottlingException", "SlowDown");

    private KinesisErrors() {
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String code(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            return a.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    static boolean isConfiguration(String code) {
        return code != null && CONFIGURATION.contains(code);
    }

    static boolean isThrottling(String code) {
        return code != null && THROTTLING.contains(code);
    }

    /** What the user should do about a configuration error. */
    static String hint(String code, String stream) {
        if (code.equals("ResourceNotFoundException")) {
            return "stream '" + stream + "' does not exist in this account and region: create it or fix "
                    + "activity.kinesis.stream / activity.kinesis.region";
        }
        if (code.startsWith("KMS")) {
            return "the stream's KMS key cannot be used (" + code + "): grant kms:GenerateDataKey on it";
        }
        if (code.contains("Signature") || code.contains("Unrecognized") || code.contains("Token")) {
            return "the AWS credentials were rejected (" + code + "): check the credential chain or activity.kinesis.profile";
        }
        return "not allowed to write to stream '" + stream + "' (" + code
                + "): grant kinesis:PutRecords on it (the only call the driver makes)";
    }
}
