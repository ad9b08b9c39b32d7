package io.jdbcactivity.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jdbcactivity.analyze.SqlText;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Error messages rebuilt from their shapes, and the fallback for the rest. The messages are the
 * servers' and drivers' own wordings (captured from MariaDB 10.11, Connector/J 26.10, MariaDB
 * Connector/J 3.5 and H2 2.3; PostgreSQL's from PgJDBC's documented format); the real round trip
 * is in ErrorSecretsTest and ErrorPayloadsTest.
 */
class ErrorMessagesTest {
    private static final String SYNTAX = "You have an error in your SQL syntax; check the manual that corresponds to"
            + " your MariaDB server version for the right syntax to use";

    /** What the encoder answers for a statement: whether a normal form is part of its own. */
    private static Predicate<String> statement(String sql) {
        String normal = SqlText.normalize(sql).text();
        return normal::contains;
    }

    private static String redact(String message, int code, String sql) {
        return ErrorMessages.redact(message, code, Boolean.TRUE, statement(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // a quote inside the value, the shape's own words inside the value, a line break inside it
        "Duplicate entry 'O'BrienSecret13' for key 'PRIMARY' | Duplicate entry '?' for key 'PRIMARY'",
        "Duplicate entry 'x' for key 'Secret' for key 'PRIMARY' | Duplicate entry '?' for key 'PRIMARY'",
        "~Duplicate entry 'a\nSecret' for key 'users.email'~ | Duplicate entry '?' for key 'users.email'",
        "Duplicate entry ''' for key 'k' | Duplicate entry '?' for key 'k'",
        "Duplicate entry 'Secret-1' for key 3 | Duplicate entry '?' for key 3",
    })
    void duplicatesKeepTheKeyAndNeverTheValue(String message, String published) {
        assertEquals(published, redact(message, 1062, "INSERT INTO t VALUES (?)"));
    }

    @Test
    void aValueCannotPassItselfOffAsTheNameAfterIt() {
        // greedy values, names without quotes: the key is always the server's last one
        String m = "Incorrect integer value: 'a' for column `test`.`t`.`n` at row 1' for column `test`.`t`.`n` at row 7";
        assertEquals("Incorrect integer value: '?' for column `test`.`t`.`n` at row 7", redact(m, 1366, "INSERT"));
    }

    @Test
    void theNearFragmentGoesThroughTheNormalFormWhenItIsPartOfTheStatement() {
        String sql = "SELECT * FROM t WHERE WHERE name = 'NearSecret12' AND n = 42";
        String m = SYNTAX + " near 'WHERE name = 'NearSecret12' AND n = 42' at line 1";
        assertEquals(SYNTAX + " near 'WHERE name = ? AND n = ?' at line 1", redact(m, 1064, sql));
    }

    @Test
    void aNearFragmentThatStartsInsideALiteralIsDropped() {
        // the server never cuts there, but if it did, the literal's tail would read as words
        String sql = "SELECT * FROM t WHERE c = 'my NearSecret12' AND x = 1 garbage";
        String m = SYNTAX + " near 'NearSecret12' AND x = 1 garbage' at line 1";
        assertEquals(SYNTAX + " near '?' at line 1", redact(m, 1064, sql));
    }

    @Test
    void aNearFragmentWithLineBreaksAndATruncationMarkKeepsItsShape() {
        String sql = "SELECT *\nFROM t WHERE WHERE\nname = 'NearSecret12' AND " + "x".repeat(80);
        String m = SYNTAX + " near 'WHERE\nname = 'NearSecret12' AND xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' at line 2";
        assertEquals(SYNTAX + " near 'WHERE name = ? AND xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' at line 2",
                redact(m, 1064, sql));
    }

    @Test
    void anUnterminatedLiteralInTheNearFragmentIsOneValue() {
        String m = SYNTAX + " near ''O''BrienSecret13' at line 1";
        assertEquals(SYNTAX + " near '?' at line 1", redact(m, 1064, "SELECT 'O''BrienSecret13"));
    }

    @Test
    void driverPrefixesAndAppendedQueriesAreHandled() {
        // MariaDB Connector/J with dumpQueriesOnException: "(conn=N) " before, the query after
        String m = "(conn=41) Duplicate entry 'BrienSecret13' for key 'PRIMARY'\nQuery is: INSERT INTO t VALUES"
                + " ('BrienSecret13')";
        assertEquals("(conn=41) Duplicate entry '?' for key 'PRIMARY'", redact(m, 1062, "INSERT INTO t VALUES (?)"));
        // Connector/J's MysqlDataTruncation
        assertEquals("Data truncation: Data too long for column 'c' at row 1",
                redact("Data truncation: Data too long for column 'c' at row 1", 1406, "INSERT"));
        // Connector/J with dumpQueriesOnException, on a message of no known shape: first line only
        assertEquals("Something '?' happened",
                redact("Something 'unknown' happened\n\nQuery being executed when exception was thrown:\nSELECT 'Secret'",
                        4242, "SELECT ?"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Unhandled user-defined exception condition | Unhandled user-defined exception condition",
        "Insufficient funds for SignalSecret17 | ?",
        "~it's 'SignalSecret17'~ | ?",
    })
    void signalTextsAreTheApplicationsOwnSoTheyAreValues(String message, String published) {
        assertEquals(published, redact(message, 1644, "SIGNAL SQLSTATE ? SET MESSAGE_TEXT = ?"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Access denied for user 'app'@'10.0.0.7' (using password: YES) | Access denied for user 'app'@'10.0.0.7' (using password: YES)",
        "Table 'shop.nope' doesn't exist | Table 'shop.nope' doesn't exist",
        "Unknown column 'x' in 'field list' | Unknown column 'x' in 'field list'",
        "Variable 'sql_mode' can't be set to the value of 'VarSecret18' | Variable 'sql_mode' can't be set to the value of '?'",
        "Truncated incorrect DOUBLE value: 'Dbl'Secret' | Truncated incorrect DOUBLE value: '?'",
        "Incorrect date value: 'DateSecret' for column `test`.`t`.`d` at row 1 | Incorrect date value: '?' for column `test`.`t`.`d` at row 1",
        "~Cannot add or update a child row: a foreign key constraint fails (`test`.`c`, CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `p` (`id`))~"
            + " | ~Cannot add or update a child row: a foreign key constraint fails (`test`.`c`, CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `p` (`id`))~",
        "CONSTRAINT `chk_qty` failed for `test`.`t` | CONSTRAINT `chk_qty` failed for `test`.`t`",
    })
    void namesStayValuesGo(String message, String published) {
        int code = switch (message.substring(0, 6)) {
            case "Access" -> 1045;
            case "Table " -> 1146;
            case "Unknow" -> 1054;
            case "Variab" -> 1231;
            case "Trunca", "Incorr" -> 1292;
            case "Cannot" -> 1452;
            default -> 4025;
        };
        assertEquals(published, redact(message, code, "SELECT 1"));
    }

    @Test
    void anyValueInAShapedMessageIsReplacedWhateverItHolds() {
        Random random = new Random(12);
        String alphabet = "ab' \"`\\\n()@.-;_,=xy";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder v = new StringBuilder("Sx");
            for (int k = random.nextInt(12); k > 0; k--) {
                v.append(random.nextInt(5) == 0 ? "' for key '" : String.valueOf(alphabet.charAt(random.nextInt(
                        alphabet.length()))));
            }
            v.append("xS");
            assertEquals("Duplicate entry '?' for key 'PRIMARY'",
                    redact("Duplicate entry '" + v + "' for key 'PRIMARY'", 1062, "INSERT"), v::toString);
            assertEquals("Incorrect integer value: '?' for column `test`.`t`.`n` at row 1",
                    redact("Incorrect integer value: '" + v + "' for column `test`.`t`.`n` at row 1", 1366, "INSERT"),
                    v::toString);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // H2 2.3: names double-quoted, values and the statement echoed
        "~Table \"NOPE\" not found; SQL statement:\nselect * from nope where x='secret' [42102-232]~ | ~Table \"NOPE\" not found [42102-232]~",
        "~Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_8 ON PUBLIC.T(ID) VALUES ( /* 1 */ 'secret' )\";"
            + " SQL statement:\ninsert into t values ('secret') [23505-232]~ | Unique index or primary key violation: ? [23505-232]",
        "~Value too long for column \"NAME CHARACTER VARYING(3)\": \"'secret' (6)\"; SQL statement:\nx [22001-232]~"
            + " | ~Value too long for column \"NAME CHARACTER VARYING(3)\": ? [22001-232]~",
        "~Data conversion error converting \"'secret' (T: \"\"N\"\" INTEGER)\"; SQL statement:\nx [22018-232]~"
            + " | Data conversion error converting ? [22018-232]",
        "~Numeric value out of range: \"99999999999\" in column \"N\"; SQL statement:\nx [22004-232]~"
            + " | ~Numeric value out of range: ? in column \"N\" [22004-232]~",
    })
    void h2MessagesLoseTheirEchoAndValues(String message, String published) {
        int code = Integer.parseInt(message.substring(message.lastIndexOf('[') + 1, message.lastIndexOf('-')));
        assertEquals(published, ErrorMessages.redact(message, code, null, s -> false));
    }

    @Test
    void h2sEchoOfTheStatementIsShownInNormalFormWithItsExpectedWords() {
        String sql = "SELECT \"ID\" FROM h9_h2 WHERE name = 'NearSecret12' GARBAGE";
        String m = "Syntax error in SQL statement \"SELECT \"\"ID\"\" FROM h9_h2 WHERE name = 'NearSecret12' [*]GARBAGE\";"
                + " SQL statement:\n" + sql + " [42000-232]";
        assertEquals("Syntax error in SQL statement \"SELECT ? FROM h9_h2 WHERE name = ? GARBAGE\" [42000-232]",
                ErrorMessages.redact(m, 42000, null, statement(sql)));
        sql = "SELECT * FROM h9_h2 WHERE WHERE name = 'NearSecret12'";
        m = "Syntax error in SQL statement \"SELECT * FROM h9_h2 WHERE [*]WHERE name = 'NearSecret12'\"; expected"
                + " \"INTERSECTS (, NOT, EXISTS, UNIQUE, INTERSECTS\"; SQL statement:\n" + sql + " [42001-232]";
        assertEquals("Syntax error in SQL statement \"SELECT * FROM h9_h2 WHERE WHERE name = ?\"; expected"
                + " \"INTERSECTS (, NOT, EXISTS, UNIQUE, INTERSECTS\" [42001-232]", ErrorMessages.redact(m, 42001, null,
                statement(sql)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // PostgreSQL (PgJDBC): the value is on the Detail line; names are double-quoted
        "~ERROR: duplicate key value violates unique constraint \"users_email_key\"\n  Detail: Key (email)=(alice@example.com) already exists.~"
            + " | ~ERROR: duplicate key value violates unique constraint \"users_email_key\"~",
        "~ERROR: invalid input syntax for type integer: \"PgSecret\"\n  Position: 31~ | ~ERROR: invalid input syntax for type integer: \"?\"~",
        // unknown shapes: quoted spans go, names after a naming word stay
        "Some error on table 't1' with 'Secret' inside | Some error on table 't1' with '?' inside",
        "Got 'O'BrienSecret' and more | Got '?' and more",
        // quoting that cannot be read with certainty: the rest goes
        "Odd message 'a' b'c' for key 'k' | Odd message …",
        "Never closed 'Secret | Never closed …",
        "It doesn't matter 'x | It doesn't matter …",
        "Failed to connect to jdbc:mysql://u:hunter2@db/x?password=hunter3 | Failed to connect to jdbc:mysql://u:***@db/x?password=***",
    })
    void messagesOfUnknownShapeKeepTheirFirstLineWithoutQuotedValues(String message, String published) {
        assertEquals(published, ErrorMessages.redact(message, 0, null, s -> false));
        assertFalse(ErrorMessages.redact(message, 0, null, s -> false).contains("ecret"));
    }
}
