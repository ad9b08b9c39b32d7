package io.jdbcactivity.sample.stream;

/**
 * The stream both subcommands talk to: {@code --stream} (name or ARN), {@code --region} and
 * {@code --endpoint} (an emulator or a VPC endpoint); null region and endpoint mean the AWS SDK's
 * default chains.
 */
public record StreamTarget(String stream, String region, String endpoint) {

    public boolean isArn() {
        return stream.startsWith("arn:");
    }

    /** The region an ARN names ({@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}), else null. */
    public String arnRegion() {
        if (!isArn()) {
            return null;
        }
        String[] parts = stream.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? parts[3] : null;
    }

    /** The stream's name: {@code --stream} itself, or the last part of an ARN ({@code …:stream/NAME}). */
    public String name() {
        if (!isArn()) {
            return stream;
        }
        int slash = stream.lastIndexOf(":stream/");
        return slash < 0 ? stream : stream.substring(slash + ":stream/".length());
    }

    /** How the stream is named in messages: name, region and endpoint as far as known. */
    public String describe() {
        String where = region != null ? region : arnRegion() != null ? arnRegion() : "the default region";
        return "stream '" + stream + "' in " + where + (endpoint != null ? " at " + endpoint : "");
    }
}
