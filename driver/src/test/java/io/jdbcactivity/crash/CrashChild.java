package io.jdbcactivity.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * The application {@link CrashTest} kills: one connection running paced updates through the
 * Kinesis sink, printing the sequence number of each execution once it returned — what the
 * application knows to have happened, so what the stream must hold.
 *
 * <p>Arguments: stream, endpoint, spool mode ({@code none}, {@code interval} or {@code sync}),
 * spool directory, statements per second.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true); // a flush per line
        Properties p = new Properties();
        p.setProperty("activity.sink", "kinesis");
        p.setProperty("activity.kinesis.stream", args[0]);
        p.setProperty("activity.kinesis.endpoint", args[1]);
        p.setProperty("activity.kinesis.region", "us-east-1");
        p.setProperty("activity.kinesis.gzip", "true");
        p.setProperty("activity.application", "crash-child");
        if (!args[2].equals("none")) {
            p.setProperty("activity.spool.dir", args[3]);
            if (args[2].equals("sync")) {
                p.setProperty("activity.delivery", "sync");
            }
        }
        int rate = Integer.parseInt(args[4]);
        try (Connection c = DriverManager.getConnection("jdbc:activity:h2:mem:crash", p);
                PreparedStatement s = c.prepareStatement("SET @x = ?")) {
            out.println("connected");
            long start = System.nanoTime();
            for (long i = 0; ; i++) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                s.setLong(1, i);
                s.executeUpdate();
                out.println("done " + (i + 2)); // the connect is sequence 1
            }
        }
    }
}
