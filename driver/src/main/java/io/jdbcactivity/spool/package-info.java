/**
 * The durable spool ({@code activity.spool.dir}): encoded events appended to local segment files,
 * retired once Kinesis has accepted them, and sent first by the next publisher if this one dies.
 *
 * <h2>Why a log of our own</h2>
 * No durable-queue library fits inside a JDBC driver jar. Square's Tape {@code QueueFile} is the
 * closest (small, plain java.io), but it opens its file {@code "rwd"}, so every element costs three
 * synchronous writes and none can be grouped (about 400 µs per 1 KB add measured here; its
 * {@code addAll} request, square/tape#200, is still open), it removes only from the head (no
 * out-of-order acknowledgement), it has no checksum, its own documentation warns that a power loss
 * mid-write can corrupt the file on ordinary file systems, and 2.0 has stayed a 2017 beta. Chronicle
 * Queue needs {@code --add-exports}/{@code --add-opens} on Java 17+ (its own Java 17 notes; issues
 * OpenHFT/Chronicle-Queue#909, #1105), sends usage analytics from chronicle-core unless told not to,
 * memory-maps files with time-based rolling and no per-message deletion, and is several megabytes of
 * jars that keep class names in their files, which relocation by the shade plugin breaks. bigqueue
 * (unmaintained since 2013) and MapDB 3 (no persistent queue any more, Kotlin runtime, mmap unmapping
 * through internal JDK classes) fail the same tests. What is needed is small: append-only segment
 * files with CRC32C frames, one write per drain round and an fsync only when asked, out-of-order
 * acks with a persisted watermark, and adoption of a dead process's directory: about a thousand lines
 * of JDK-only code here, no flags, nothing to relocate, no static state but one list (see
 * {@code OwnerDirectory}).
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;activity.spool.dir&gt;/
 *   &lt;ownerId&gt;/                 one per publisher, live or dead
 *     lock                     FileChannel.tryLock, held for the owner's life
 *     holder                   "pid@jvmStartMillis" of the JVM holding the lock
 *     acked                    watermark: "&lt;segment number hex&gt; &lt;offset&gt;", all before it acknowledged
 *     seg-&lt;16 hex&gt;.log         segments, numbered upwards
 * </pre>
 * A segment is an 8-byte header ({@code "JAS1"}, version 1) then frames
 * {@code [length:int32][crc32c:int32][payload]}, payload {@code [keyLength:uint16][key UTF-8][flags:uint8][data]},
 * big-endian, the CRC32C covering the length and the payload ({@link io.jdbcactivity.spool.FrameFormat}).
 *
 * <h2>Guarantees</h2>
 * After {@link io.jdbcactivity.spool.Spool#flushToOs()} returns true the frames appended survive the
 * process being killed; after {@link io.jdbcactivity.spool.Spool#sync()} returns true they survive a
 * power loss. A frame is returned by {@link io.jdbcactivity.spool.Spool#next()} until it is
 * acknowledged, here or, after a crash, by the publisher that adopts the directory: delivery is at
 * least once (the watermark is written at most once a second and without fsync, so a restart may
 * re-send up to a second of acknowledged frames plus the unacknowledged ones; event ids deduplicate
 * downstream). Recovery cuts a torn or damaged tail and counts it
 * ({@link io.jdbcactivity.spool.RecoveryReport}); see {@code SegmentRecovery} for the policy.
 */
package io.jdbcactivity.spool;
