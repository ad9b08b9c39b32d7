package io.jdbcactivity.bench;

import io.jdbcactivity.Activity;
import io.jdbcactivity.publish.PublisherStats;
import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The driver's own threads during a measured iteration: events its sink delivered (file
 * written, Kinesis acknowledged) per second, events dropped, and the CPU its threads used
 * (publisher, and for Kinesis the Netty and timer threads; see {@link DriverCpu}) as a share of
 * one core. Written next to {@link Probe}'s lines.
 */
@State(Scope.Benchmark)
public class PublisherProbe {
    private boolean measuring;
    private long startNanos;
    private long startCpu;
    private long startDelivered;
    private long startDropped;

    @Setup(Level.Iteration)
    public void start(IterationParams iteration) {
        measuring = Probe.FILE != null && iteration.getType() == IterationType.MEASUREMENT;
        startNanos = System.nanoTime();
        startCpu = DriverCpu.nanos(DriverCpu.ALL);
        startDelivered = delivered();
        startDropped = dropped();
    }

    @TearDown(Level.Iteration)
    public void stop(BenchmarkParams benchmark) {
        if (!measuring || !benchmark.getParam("mode").startsWith("activity-")) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Probe.append(String.format(Locale.ROOT,
                "{\"benchmark\":\"%s\",\"mode\":\"%s\",\"publisherEventsPerSec\":%.0f,\"publisherCpuShare\":%.3f,"
                        + "\"droppedPerSec\":%.0f}",
                benchmark.getBenchmark(), benchmark.getParam("mode"), (delivered() - startDelivered) / seconds,
                (DriverCpu.nanos(DriverCpu.ALL) - startCpu) / 1e9 / seconds, (dropped() - startDropped) / seconds));
    }

    private static long delivered() {
        long n = 0;
        for (PublisherStats s : Activity.stats()) {
            n += s.delivered();
        }
        return n;
    }

    private static long dropped() {
        long n = 0;
        for (PublisherStats s : Activity.stats()) {
            n += s.dropped();
        }
        return n;
    }
}
