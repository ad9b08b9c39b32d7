package io.jdbcactivity.capture;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where in the application a statement was issued: the first stack frame outside the JDK, JDBC
 * drivers, connection pools, ORMs, frameworks' data-access layers and this driver
 * ({@code clientAuditFields.callSite}). Taken on the application thread, so only when asked:
 * {@code activity.callSite} is {@code false} by default, {@code true} for every statement, or a
 * share of statements (a production sample), and a test kit that records events turns it on for
 * every connection while it records ({@link #forceOn}).
 *
 * <p>A {@link StackWalker} stops at the first frame that is the application's, so the cost is the
 * depth of the JDBC/pool/ORM stack above it (measured in {@code CallSiteBenchmark}); the frame is
 * kept as is and formatted on the publisher thread.
 */
public final class CallSites {
    /**
     * Class name prefixes that are never the application: the JDK, JDBC drivers, pools, ORMs and
     * mappers, Spring's data-access and proxy layers, bytecode-generated proxies, test runners,
     * and this driver's own packages (not {@code io.jdbcactivity.sample}, an application).
     */
    static final List<String> SKIPPED = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "com.mysql.", "org.mariadb.", "org.h2.", "org.postgresql.", "oracle.jdbc.", "com.microsoft.sqlserver.",
            "org.hsqldb.", "org.apache.derby.", "org.sqlite.", "software.aws.rds.jdbc.",
            "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.jdbc.", "org.apache.tomcat.dbcp.",
            "com.mchange.v2.", "oracle.ucp.", "org.vibur.", "io.agroal.", "com.alibaba.druid.",
            "org.hibernate.", "org.eclipse.persistence.", "org.apache.openjpa.", "org.jooq.", "org.apache.ibatis.",
            "org.mybatis.", "org.jdbi.", "org.sql2o.", "org.springframework.jdbc.", "org.springframework.orm.",
            "org.springframework.data.", "org.springframework.transaction.", "org.springframework.aop.",
            "org.springframework.cglib.", "org.springframework.dao.", "org.springframework.r2dbc.",
            "org.flywaydb.", "liquibase.", "net.ttddyy.dsproxy.", "com.p6spy.", "net.bytebuddy.",
            "io.opentelemetry.", "com.querydsl.", "io.ebean.", "org.skife.jdbi.", "org.datanucleus.",
            "org.jetbrains.exposed.", "io.micronaut.data.", "io.micronaut.transaction.", "org.apache.commons.dbutils.",
            "org.seasar.doma.", "org.apache.cayenne.", "org.codehaus.groovy.", "org.apache.groovy.", "groovy.lang.",
            "kotlin.", "scala.", "org.junit.", "org.apache.maven.surefire.",
            "io.jdbcactivity.jdbc.", "io.jdbcactivity.driver.", "io.jdbcactivity.capture.",
            "io.jdbcactivity.publish.", "io.jdbcactivity.testkit.");

    /** Parts of generated class names: frameworks' proxies and mocks, never the application's code. */
    private static final List<String> GENERATED = List.of("$$", "$HibernateProxy", "$ByteBuddy$", "$MockitoMock$");

    /**
     * Class references kept, so each frame is judged by its class, once per class (see {@link Judge}).
     * Made on first use: a security manager that forbids it then costs only the call sites.
     */
    private static final class Walker {
        static final StackWalker INSTANCE = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    }
    /** One per distinct skip list, so that its per-class answers are shared by every connection that has it. */
    private static final java.util.Map<String, CallSites.Judge> JUDGES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Set while a test kit records: every connection takes call sites, whatever its option. */
    private static volatile boolean forced;
    private static final java.util.concurrent.atomic.AtomicInteger FORCERS = new java.util.concurrent.atomic.AtomicInteger();

    /** Share of statements whose call site is taken: 0 none, 1 all. */
    private final double rate;
    private final Judge judge;

    /**
     * @param option {@code activity.callSite}: {@code false}, {@code true} or a share from 0 to 1
     * @param extra  {@code activity.callSite.skip}: comma-separated class name prefixes that are not the
     *               application either (its own data-access base classes, say); may be empty
     */
    public CallSites(String option, String extra) {
        this.rate = rate(option);
        String key = extra == null ? "" : extra.trim();
        Judge j = JUDGES.get(key);
        if (j == null) {
            j = JUDGES.size() < 64 ? JUDGES.computeIfAbsent(key, Judge::new) : new Judge(key);
        }
        this.judge = j;
    }

    /**
     * Whether a class is the application's, answered once per class: comparing each frame's name
     * with some seventy prefixes cost more than the walk itself (measured: 3.7 µs a statement with a
     * pool's frames above the application, 12.8 µs with forty more of an ORM's).
     */
    static final class Judge extends ClassValue<Boolean> {
        private final String[] skipped;

        Judge(String extra) {
            List<String> more = extra.isBlank() ? List.of()
                    : java.util.Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            String[] all = new String[SKIPPED.size() + more.size()];
            int i = 0;
            for (String s : more) {
                all[i++] = s; // the user's first: the most specific
            }
            for (String s : SKIPPED) {
                all[i++] = s;
            }
            this.skipped = all;
        }

        @Override
        protected Boolean computeValue(Class<?> type) {
            return isApplication(type.getName());
        }

        boolean isApplication(String name) {
            for (String prefix : skipped) {
                if (name.startsWith(prefix)) {
                    return false;
                }
            }
            // generated proxies of any framework (Spring's CGLIB, Hibernate's lazy entities, ByteBuddy's, Mockito's)
            for (String part : GENERATED) {
                if (name.contains(part)) {
                    return false;
                }
            }
            return !name.startsWith("$Proxy", name.lastIndexOf('.') + 1);
        }
    }

    /** {@code activity.callSite} as a share: {@code true} 1, {@code false} 0, else the number. */
    static double rate(String option) {
        if (option == null || option.equalsIgnoreCase("false")) {
            return 0;
        }
        if (option.equalsIgnoreCase("true")) {
            return 1;
        }
        return Double.parseDouble(option);
    }

    /** The option's problem, or null when it reads (for the option's check). */
    public static String problem(String option) {
        try {
            double r = rate(option);
            return r >= 0 && r <= 1 ? null : "a share of statements must be from 0 to 1";
        } catch (NumberFormatException e) {
            return "expected true, false or a share of statements from 0 to 1";
        }
    }

    /**
     * A recorder starts ({@code true}: every connection takes call sites) or ends ({@code false});
     * counted, so that the options decide again when the last one ends.
     */
    public static synchronized void forceOn(boolean on) {
        // under the lock: a count and its flag written apart could leave the flag off with a recorder on
        forced = FORCERS.addAndGet(on ? 1 : -1) > 0;
    }

    /** The calling thread's call site if this statement's is to be taken, else null. Never throws. */
    public StackWalker.StackFrame take() {
        double r = rate;
        if (r == 0 && !forced || r < 1 && !forced && ThreadLocalRandom.current().nextDouble() >= r) {
            return null;
        }
        try {
            return Walker.INSTANCE.walk(frames -> frames.filter(f -> judge.get(f.getDeclaringClass())).findFirst()
                    .orElse(null));
        } catch (RuntimeException | LinkageError e) {
            return null; // a security manager that forbids it: no call site, the statement goes on
        }
    }

    /** {@code class.method(File:line)}, as a stack trace prints it; the publisher calls it. */
    public static String format(StackWalker.StackFrame f) {
        String file = f.getFileName();
        int line = f.getLineNumber();
        return f.getClassName() + "." + f.getMethodName() + "(" + (file == null ? "Unknown Source"
                : line >= 0 ? file + ":" + line : file) + ")";
    }
}
