package io.jdbcactivity.sink.kinesis;

/** The PutRecords limits the batches are built against. */
final class KinesisLimits {
    /** Entries in one PutRecords call. */
    static final int MAX_ENTRIES = 500;
    /** Bytes of one PutRecords call (data plus partition keys). */
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** Bytes of one record (data plus partition key). */
    static final int MAX_RECORD_BYTES = 1024 * 1024;

    private KinesisLimits() {
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
