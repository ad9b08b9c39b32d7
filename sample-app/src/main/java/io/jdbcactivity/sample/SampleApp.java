package io.jdbcactivity.sample;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The sample application's command line: {@code run} (the shop workload), {@code tail} (the
 * stream viewer) and {@code create-stream}. Exit codes: 0 done, 1 failed, 2 a usage or
 * configuration problem (one line on standard error says what to change).
 */
public final class SampleApp {
    static final String USAGE = """
            usage: java -jar sample-app/target/jdbc-activity-sample.jar <command> [options]

            run             an online shop's workload through a HikariCP pool with a jdbc:activity: URL
              --url URL         JDBC URL; jdbc:mysql://… is given the activity: prefix
                                (default: H2 in memory, %s)
              --mysql URL       the same, for a MySQL or MariaDB URL
              --user U, --password P
              --orders N        orders to place (default 200), --threads N shoppers at once (default 4)
              --pace-ms N       each shopper browses N ms before an order (default 0: as fast as it can)
              --stream S        publish to this Kinesis stream (name or ARN)
              --region R, --endpoint URL    the stream's region; an emulator or VPC endpoint
              --plain           Kinesis records as plain JSON (the driver gzips them by default)
              --jsonl FILE      publish to a JSON-lines file instead (- is standard output)
              --tail            show the events as they reach the stream, then a summary
              --from start|now|TIME   where --tail starts reading (default now)
              (--tail reads with the viewer's rules below: events merged by time within each read,
               duplicates skipped, a summary at the end and on Ctrl-C)
              (without --stream or --jsonl the driver's own settings apply: ACTIVITY_KINESIS_STREAM,
               activity.properties, -Dactivity.*)

            tail            print the events of a stream, one line each, and a summary on exit
              --stream S, --region R, --endpoint URL
              --from start|now|TIME   where to start (default start)
              --follow          keep reading new records until Ctrl-C (passing errors are retried)
              --json            print each event's JSON instead
              --class C[,C]     only these classes (READ, WRITE, DDL, ROLE, FUNCTION, MISC, CONNECT)
              --table T         only events touching table T;  --user U  only this database user
              --risk R[,R]      only events with these risk flags (SENSITIVE_READ, SQLI_*, * for any)

            create-stream   create a stream (an emulator's, or a test account's) and wait until it is ACTIVE
              --stream S, --region R, --endpoint URL, --shards N (default 1)
            """;

    private SampleApp() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command; what it prints goes to {@code out}, problems to {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(usage()); // a usage error: standard output stays for what was asked
            return 2;
        }
        if (args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(usage());
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "run" -> new RunCommand(out, err).run(rest);
                case "tail" -> new TailCommand(out, err).run(rest);
                case "create-stream" -> new CreateStreamCommand(out).run(rest);
                default -> throw new UsageException("unknown command " + args.get(0) + " (run, tail, create-stream, help)");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static String usage() {
        return USAGE.formatted(io.jdbcactivity.sample.shop.ShopPool.DEFAULT_URL);
    }
}
