package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which texts keep their execution open for further results, judged without parsing. */
class MoreResultsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "UPDATE a SET x = 1                     | false | false",
        "UPDATE a SET x = 1;                    | false | false",
        "'UPDATE a SET x = 1;  ;  '             | false | false",
        "UPDATE a SET x = 1; UPDATE b SET y = 2 | true  | true",
        "SELECT 1; SELECT 2                     | true  | true",
        "CALL p()                               | false | true",
        "'  call p(?)'                          | false | true",
        "{call p(?, ?)}                         | false | true",
        "'{ ? = call f(?)}'                     | false | true",
        "callx()                                | false | false",
        "call_log_cleanup()                     | false | false",
        "SELECT call FROM t                     | false | false",
        "CALL                                   | false | true",
    })
    void aTextMayHaveMoreResults(String sql, boolean afterUpdateCount, boolean afterResultSet) {
        assertEquals(afterUpdateCount, MoreResults.afterUpdateCount(sql));
        assertEquals(afterResultSet, MoreResults.afterResultSet(sql));
    }
}
