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
        /** Not ended while recording (or ended implicitly, by DDL, which has no event of its own). */
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
        String command = last.command() == null ? "" : last.command();
        if (!last.failed() && (command.equals("COMMIT") || command.equals("XA COMMIT"))) {
            return Outcome.COMMITTED;
        }
        if (!last.failed() && (command.equals("ROLLBACK") || command.equals("XA ROLLBACK"))) {
            return Outcome.ROLLED_BACK;
        }
        if (events.size() == 1 && last.autoCommit() && last.isStatement()) {
            return Outcome.AUTO_COMMIT;
        }
        return Outcome.OPEN;
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
