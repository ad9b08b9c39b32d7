package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** activity.sensitive's patterns against the columns JSqlParser finds (the analyzer's real output). */
class SensitiveColumnsTest {
    private static final SensitiveColumns PATTERNS =
            SensitiveColumns.parse("users.ssn, cards.*, *.password, billing.invoices.iban");

    private static SensitiveColumns.Matches match(String sql) {
        return PATTERNS.match(new SqlAnalyzer().analyze(sql).statements().get(0));
    }

    private static void expect(String sql, List<String> read, List<String> written) {
        SensitiveColumns.Matches m = match(sql);
        assertEquals(read, m.read(), sql);
        assertEquals(written, m.written(), sql);
    }

    @Test
    void namedColumnsAreMatchedByTableAndColumn() {
        expect("SELECT name FROM users WHERE id = 1", List.of(), List.of());
        expect("SELECT ssn FROM users WHERE id = 1", List.of("users.ssn"), List.of());
        expect("SELECT u.name FROM users u WHERE u.ssn = '123'", List.of("users.ssn"), List.of());
        expect("SELECT SSN FROM Users", List.of("Users.SSN"), List.of());
        expect("UPDATE users SET ssn = ? WHERE id = ?", List.of(), List.of("users.ssn"));
        expect("INSERT INTO users (id, ssn) VALUES (?, ?)", List.of(), List.of("users.ssn"));
        expect("SELECT password FROM accounts", List.of("accounts.password"), List.of());
        expect("UPDATE admins SET password = ? WHERE id = ?", List.of(), List.of("admins.password"));
        expect("SELECT pan FROM cards WHERE id = ?", List.of("cards.pan", "cards.id"), List.of()); // every column of cards
    }

    @Test
    void aStarReadsThePatternsColumnsOfATableItNames() {
        expect("SELECT * FROM users WHERE id = ?", List.of("users.ssn"), List.of());
        expect("SELECT c.* FROM cards c", List.of("cards.*"), List.of());
        expect("SELECT * FROM accounts", List.of(), List.of()); // *.password: which tables have one is not known
        expect("INSERT INTO users VALUES (?, ?, ?)", List.of(), List.of("users.ssn"));
    }

    @Test
    void schemasAliasesSubqueriesAndJoinsAreResolved() {
        expect("SELECT iban FROM billing.invoices", List.of("billing.invoices.iban"), List.of());
        expect("SELECT iban FROM invoices", List.of("invoices.iban"), List.of()); // unqualified: may be billing's
        expect("SELECT iban FROM other.invoices", List.of(), List.of());
        expect("SELECT o.id FROM orders o WHERE o.user_id IN (SELECT id FROM users WHERE ssn = ?)",
                List.of("users.ssn"), List.of());
        expect("SELECT ssn, total FROM users JOIN orders ON orders.user_id = users.id", List.of("users.ssn"), List.of());
        // an unqualified column of several tables under a glob-table pattern: one of them, not each
        expect("SELECT password FROM accounts a JOIN orders o ON o.account_id = a.id", List.of("?.password"), List.of());
        expect("WITH u AS (SELECT id, ssn FROM users) SELECT ssn FROM u", List.of("users.ssn"), List.of());
    }

    @Test
    void withoutColumnsOnlyWholeTablePatternsMatch() {
        // DELETE … USING is a form JSqlParser does not read: tables only
        expect("DELETE FROM c USING cards AS c JOIN users AS u ON u.id = c.user_id WHERE u.ssn = ?",
                List.of(), List.of("cards.*"));
    }

    @Test
    void badPatternsAreRefusedWithTheirTerm() {
        assertNull(SensitiveColumns.problem("users.ssn,*.password"));
        assertNotNull(SensitiveColumns.problem("ssn"));
        assertNotNull(SensitiveColumns.problem("a.b.c.d"));
        assertNotNull(SensitiveColumns.problem("users..ssn"));
        assertNull(SensitiveColumns.parse(" "));
    }
}
