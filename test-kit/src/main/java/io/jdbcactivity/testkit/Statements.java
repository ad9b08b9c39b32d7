package io.jdbcactivity.testkit;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * Recorded events, in the order they were published, narrowed by filters and checked by
 * assertions. Every filter returns a new, narrower set that says what it holds in its
 * {@link #description()}; every assertion returns this set (assertions chain) or throws an
 * {@link AssertionError} that lists the offending statements — text, digest, count and call site.
 */
public final class Statements implements Iterable<RecordedEvent> {
    private final List<RecordedEvent> events;
    private final String description;
    private final Snapshots snapshots;

    Statements(List<RecordedEvent> events, String description, Snapshots snapshots) {
        this.events = List.copyOf(events);
        this.description = description;
        this.snapshots = snapshots;
    }

    /** What this set holds, e.g. {@code statements of class WRITE on table orders}. */
    public String description() {
        return description;
    }

    public List<RecordedEvent> list() {
        return events;
    }

    public Stream<RecordedEvent> stream() {
        return events.stream();
    }

    @Override
    public Iterator<RecordedEvent> iterator() {
        return events.iterator();
    }

    public int count() {
        return events.size();
    }

    /** The normalized texts, in order (what a snapshot holds). */
    public List<String> texts() {
        return events.stream().map(RecordedEvent::shown).toList();
    }

    // ---- filters ----

    /** Those matching {@code test}; {@code what} goes into the description ("statements … that {what}"). */
    public Statements where(String what, Predicate<RecordedEvent> test) {
        return new Statements(events.stream().filter(test).toList(), description + " that " + what, snapshots);
    }

    /** Of these classes ({@code READ}, {@code WRITE}, {@code DDL}, {@code ROLE}, {@code FUNCTION}, {@code MISC}). */
    public Statements ofClass(String... classes) {
        Set<String> wanted = upper(classes);
        return narrow("of class " + String.join("/", wanted), e -> wanted.contains(e.eventClass()));
    }

    /** With these commands ({@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code CREATE TABLE}…). */
    public Statements withCommand(String... commands) {
        Set<String> wanted = upper(commands);
        return narrow("with command " + String.join("/", wanted), e -> wanted.contains(e.command()));
    }

    /** That touch {@code table} in any way (named with or without its schema). */
    public Statements onTable(String table) {
        return narrow("on table " + table, e -> e.touches(table));
    }

    /** That read {@code table}. */
    public Statements reading(String table) {
        return narrow("reading " + table, e -> e.reads(table));
    }

    /** That write {@code table} (insert, update, delete, replace, load, truncate or DDL on it). */
    public Statements writing(String table) {
        return narrow("writing " + table, e -> e.writes(table));
    }

    /** With any of these risk flags ({@code UPDATE_WITHOUT_WHERE}, {@code DROP}…); none given: with any. */
    public Statements withRisk(String... risks) {
        Set<String> wanted = upper(risks);
        return narrow(wanted.isEmpty() ? "with a risk flag" : "with risk " + String.join("/", wanted),
                e -> wanted.isEmpty() ? !e.risks().isEmpty() : e.risks().stream().anyMatch(wanted::contains));
    }

    /** Of this shape. */
    public Statements withDigest(String digest) {
        return narrow("with digest " + digest, e -> digest.equals(e.digest()));
    }

    /** Whose normalized text contains {@code fragment}, ignoring case. */
    public Statements containing(String fragment) {
        String f = fragment.toLowerCase(java.util.Locale.ROOT);
        return narrow("containing \"" + fragment + "\"", e -> e.shown().toLowerCase(java.util.Locale.ROOT).contains(f));
    }

    /** That failed (the database answered with an error). */
    public Statements failed() {
        return narrow("that failed", RecordedEvent::failed);
    }

    /** Issued from a call site whose text contains {@code fragment} (a class or method name). */
    public Statements from(String fragment) {
        return narrow("from " + fragment, e -> e.callSite() != null && e.callSite().contains(fragment));
    }

    private Statements narrow(String what, Predicate<RecordedEvent> test) {
        return new Statements(events.stream().filter(test).toList(), description + " " + what, snapshots);
    }

    private static Set<String> upper(String... values) {
        return Arrays.stream(values).map(v -> v.toUpperCase(java.util.Locale.ROOT))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    // ---- shapes ----

    /** The statements grouped by shape (digest), in order of first appearance. */
    public List<Shape> shapes() {
        Map<String, List<RecordedEvent>> by = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            String key = e.digest() != null ? e.digest() : "text:" + e.shown();
            by.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(e);
        }
        return by.values().stream().map(Shape::new).toList();
    }

    // ---- assertions ----

    /** Exactly {@code expected} of them. */
    public Statements assertCount(int expected) {
        if (events.size() != expected) {
            throw new AssertionFailedError("expected " + expected + " " + description + ", found " + events.size()
                    + report(), expected, events.size());
        }
        return this;
    }

    /** At most {@code max}: a statement budget. */
    public Statements assertAtMost(int max) {
        if (events.size() > max) {
            throw new AssertionFailedError("expected at most " + max + " " + description + ", found " + events.size()
                    + report());
        }
        return this;
    }

    /** At least {@code min}. */
    public Statements assertAtLeast(int min) {
        if (events.size() < min) {
            throw new AssertionFailedError("expected at least " + min + " " + description + ", found " + events.size()
                    + report());
        }
        return this;
    }

    /** None of them. */
    public Statements assertNone() {
        if (!events.isEmpty()) {
            throw new AssertionFailedError("expected no " + description + ", found " + events.size() + report());
        }
        return this;
    }

    /**
     * The N+1 check: no statement shape ran more than {@code maxPerShape} times in this set (a
     * test, a {@linkplain ActivityRecorder#during block}, a {@linkplain Transaction transaction}).
     * The failure names each repeated shape with its count and the call sites that issued it.
     */
    public Statements assertNoRepeats(int maxPerShape) {
        List<Shape> repeated = shapes().stream().filter(s -> s.count() > maxPerShape).toList();
        if (!repeated.isEmpty()) {
            StringBuilder b = new StringBuilder("N+1: ").append(repeated.size() == 1 ? "a statement shape" : repeated.size()
                    + " statement shapes").append(" ran more than ").append(maxPerShape).append(" times in ")
                    .append(description).append(':');
            for (Shape s : repeated) {
                b.append("\n\n").append(s.describe());
            }
            throw new AssertionFailedError(b.toString());
        }
        return this;
    }

    /**
     * The statements, in order, equal the approved snapshot {@code name} (a file in the test
     * sources); re-approved with {@code -Dactivity.snapshots.update=true}. See {@link Snapshots}.
     */
    public Statements assertMatchesSnapshot(String name) {
        if (snapshots == null) {
            throw new IllegalStateException("this set was not recorded by an ActivityRecorder: no snapshot directory");
        }
        snapshots.check(name, texts());
        return this;
    }

    /** The failure messages' list: each shape with its count, digest and call sites (at most 20 shapes). */
    String report() {
        if (events.isEmpty()) {
            return ".";
        }
        StringBuilder b = new StringBuilder(":");
        List<Shape> shapes = shapes();
        for (int i = 0; i < shapes.size() && i < 20; i++) {
            b.append("\n\n").append(shapes.get(i).describe());
        }
        if (shapes.size() > 20) {
            b.append("\n\n… and ").append(shapes.size() - 20).append(" more shapes");
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return description + " (" + events.size() + ")";
    }

    /** The executions of one statement shape. */
    public static final class Shape {
        private final List<RecordedEvent> executions;

        Shape(List<RecordedEvent> executions) {
            this.executions = List.copyOf(executions);
        }

        public String text() {
            return executions.get(0).shown();
        }

        public String digest() {
            return executions.get(0).digest();
        }

        public int count() {
            return executions.size();
        }

        public List<RecordedEvent> executions() {
            return executions;
        }

        /** Call sites with how many executions each issued, most first; "(call site not taken)" when none. */
        public Map<String, Long> callSites() {
            Map<String, Long> counts = executions.stream().collect(Collectors.groupingBy(
                    e -> e.callSite() != null ? e.callSite() : "(call site not taken)", LinkedHashMap::new,
                    Collectors.counting()));
            return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }

        String describe() {
            StringBuilder b = new StringBuilder("  ").append(count()).append(" × ").append(text());
            if (digest() != null) {
                b.append("\n      digest ").append(digest());
            }
            java.util.Set<String> risks = new java.util.TreeSet<>();
            executions.forEach(e -> risks.addAll(e.risks()));
            if (!risks.isEmpty()) {
                b.append("\n      risk ").append(String.join(", ", risks));
            }
            long failed = executions.stream().filter(RecordedEvent::failed).count();
            if (failed > 0) {
                b.append("\n      ").append(failed).append(" failed");
            }
            int shown = 0;
            for (Map.Entry<String, Long> site : callSites().entrySet()) {
                if (shown++ == 5) {
                    b.append("\n      … ").append(callSites().size() - 5).append(" more call sites");
                    break;
                }
                b.append("\n      ").append(site.getValue()).append(" × at ").append(site.getKey());
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return count() + " × " + text();
        }
    }
}
