package io.jdbcactivity.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Prepared point selects ({@link H2PointSelectBenchmark#PREPARED_SQL}) at a fixed rate per
 * connection, one thread per connection, as an application's request threads would issue them:
 * the rate is set by the clock, not by how fast the driver returns (open loop). A thread wakes at
 * most every millisecond and runs what is due, so pacing costs a wake-up per millisecond, not one
 * per statement. A thread that fell behind by more than {@link #MAX_LAG_NANOS} (a stall of the
 * loaded machine) skips the excess instead of bursting it, and counts it as missed: the offered
 * rate is what {@link #executed()} says, not the target.
 */
final class PacedLoad implements AutoCloseable {
    static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /** Starts one thread per connection, each running {@code perConnectionRate} selects a second. */
    PacedLoad(List<Connection> connections, int perConnectionRate) {
        int n = 0;
        for (Connection c : connections) {
            long seed = n;
            Thread t = new Thread(() -> run(c, perConnectionRate, seed), "paced-load-" + n++);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Statements executed so far, over all connections. */
    long executed() {
        return executed.get();
    }

    /** Statements skipped because a thread was more than {@link #MAX_LAG_NANOS} behind. */
    long missed() {
        return missed.get();
    }

    private void run(Connection connection, int rate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double nanosPerOp = 1e9 / rate;
        try (PreparedStatement ps = connection.prepareStatement(H2PointSelectBenchmark.PREPARED_SQL)) {
            long start = System.nanoTime();
            long done = 0;
            while (running) {
                long now = System.nanoTime();
                long due = (long) ((now - start) / nanosPerOp);
                long behind = due - done;
                long allowed = (long) (MAX_LAG_NANOS / nanosPerOp);
                if (behind > allowed) {
                    missed.addAndGet(behind - allowed);
                    done = due - allowed;
                }
                while (done < due && running) {
                    select(ps, random);
                    done++;
                    executed.incrementAndGet();
                }
                long next = start + (long) ((done + 1) * nanosPerOp);
                LockSupport.parkNanos(Math.max(MIN_PARK_NANOS, next - System.nanoTime()));
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void select(PreparedStatement ps, SplittableRandom random) throws SQLException {
        ps.setInt(1, random.nextInt(1, H2PointSelectBenchmark.ROWS + 1));
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getString(2) == null || rs.getBigDecimal(3) == null) {
                throw new IllegalStateException("point select returned no row");
            }
        }
    }

    /** Stops the threads and waits for them; rethrows what failed in one of them. */
    @Override
    public void close() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("paced load failed", t);
        }
    }
}
