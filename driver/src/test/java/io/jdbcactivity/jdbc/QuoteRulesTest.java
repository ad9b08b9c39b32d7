package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which executions make the connection ask its driver for the session's quote rule again. */
class QuoteRulesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SET sql_mode = 'ANSI' | true",
        "~  set SESSION SQL_MODE=NO_BACKSLASH_ESCAPES~ | true",
        "SET @@sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES') | true",
        "SET NAMES utf8mb4, sql_mode = '' | true",
        "/* init */ SET sql_mode = '' | true",
        "SET autocommit = 0 | false",
        "SELECT @@sql_mode | false",
        "SETTLE | false",
        "UPDATE t SET sql_mode = 1 | false",
        "SET | false",
        "~~ | false",
    })
    void onlyASetOfSqlModeAsksAgain(String sql, boolean asks) {
        assertEquals(asks, QuoteRules.maySetSqlMode(sql));
    }
}
