package io.jdbcactivity.testkit;

import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * One client transaction of a connection, as the events say it: its statements (and savepoints)
 * and how it ended. Boundaries are the driver's ({@code transactionId}): commits and rollbacks by
 * JDBC call or by SQL, auto-commit statements each their own.
 */
public final class Transaction {
    /** How a transaction ended, as far as the recording saw it. */
    public enum Outcome {
        /** An auto-commit statement: its own transaction. */
        AUTO_COMMIT,
        COMMITTED,
        ROLLED_BACK,
        /**
         * Not ended while recording, or ended without an event of its own: implicitly by DDL, or by
         * {@code SET autocommit = 1}.
         */
        OPEN
    }

    private final String connectionId;
    private final long id;
    private final List<RecordedEvent> events;
    private final Outcome outcome;
    private final Snapshots snapshots;

    Transaction(String connectionId, long id, List<RecordedEvent> events, Snapshots snapshots) {
        this.connectionId = connectionId;
        this.id = id;
        this.events = List.copyOf(events);
        this.snapshots = snapshots;
        this.outcome = outcome(this.events);
    }

    private static Outcome outcome(List<RecordedEvent> events) {
        RecordedEvent last = events.get(events.size() - 1);
        if (ends(last)) {
            return last.command().endsWith("COMMIT") ? Outcome.COMMITTED : Outcome.ROLLED_BACK;
        }
        if (events.stream().allMatch(e -> e.autoCommit() && e.isStatement())) {
            return Outcome.AUTO_COMMIT; // a statement (or a multi-statement text's statements) on its own
        }
        return Outcome.OPEN;
    }

    /**
     * Whether an event ends its transaction: a commit or rollback that succeeded, by JDBC call or
     * by SQL, XA included — not {@code ROLLBACK TO SAVEPOINT}, which ends nothing.
     */
    static boolean ends(RecordedEvent e) {
        String command = e.command();
        if (command == null || e.failed()) {
            return false;
        }
        if (command.equals("COMMIT") || command.equals("XA COMMIT") || command.equals("XA ROLLBACK")) {
            return true;
        }
        if (!command.equals("ROLLBACK")) {
            return false;
        }
        String text = e.commandText() == null ? "" : e.commandText().toUpperCase(java.util.Locale.ROOT)
                .replaceAll("\\s+", " ");
        return !text.startsWith("ROLLBACK TO ") && !text.startsWith("ROLLBACK WORK TO ");
    }

    public String connectionId() {
        return connectionId;
    }

    /** The {@code transactionId} of its events. */
    public long id() {
        return id;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Every event of it, the closing commit or rollback included. */
    public List<RecordedEvent> events() {
        return events;
    }

    /** The statements the application ran in it. */
    public Statements statements() {
        return new Statements(events.stream().filter(RecordedEvent::isStatement).toList(),
                "statements of transaction " + connectionId + "/" + id, snapshots);
    }

    public Transaction assertCommitted() {
        return assertOutcome(Outcome.COMMITTED);
    }

    public Transaction assertRolledBack() {
        return assertOutcome(Outcome.ROLLED_BACK);
    }

    private Transaction assertOutcome(Outcome expected) {
        if (outcome != expected) {
            throw new AssertionFailedError("expected transaction " + connectionId + "/" + id + " " + expected
                    + ", it is " + outcome + ":\n" + listing(), expected, outcome);
        }
        return this;
    }

    String listing() {
        StringBuilder b = new StringBuilder();
        for (RecordedEvent e : events) {
            b.append("  ").append(e).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "transaction " + connectionId + "/" + id + " " + outcome + " (" + events.size() + " events)";
    }
}
