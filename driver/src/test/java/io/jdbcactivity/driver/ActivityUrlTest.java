package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:activity:mysql://h:3306/db | jdbc:mysql://h:3306/db",
        "jdbc:activity:mysql://h/db?activity.sink=none | jdbc:mysql://h/db",
        "jdbc:activity:mysql://h/db?activity.sink=none&useSSL=false | jdbc:mysql://h/db?useSSL=false",
        "jdbc:activity:mysql://h/db?useSSL=false&activity.sink=none | jdbc:mysql://h/db?useSSL=false",
        "jdbc:activity:mysql://h/db?a=1&activity.sink=none&b=2 | jdbc:mysql://h/db?a=1&b=2",
        "jdbc:activity:h2:mem:x;MODE=MySQL;activity.sink=none | jdbc:h2:mem:x;MODE=MySQL",
        "jdbc:activity:h2:mem:x;activity.sink=none;MODE=MySQL | jdbc:h2:mem:x;MODE=MySQL",
        // the prefix is cut once: a later 'activity:' in the URL is left alone
        "jdbc:activity:mysql://activity:3306/jdbc:activity: | jdbc:mysql://activity:3306/jdbc:activity:",
    })
    void theTargetUrlIsTheRestLessOurOptions(String url, String target) throws SQLException {
        assertEquals(target, ActivityUrl.parse(url).targetUrl());
    }

    @Test
    void optionsAreCollectedAndPercentDecoded() throws SQLException {
        ActivityUrl u = ActivityUrl.parse(
                "jdbc:activity:mysql://h/db?activity.sink=jsonl&activity.jsonl.path=%2Ftmp%2Fa%20b.jsonl&x=1");
        assertEquals(Map.of("activity.sink", "jsonl", "activity.jsonl.path", "/tmp/a b.jsonl"), u.options());
        assertEquals("jdbc:mysql://h/db?x=1", u.targetUrl());
    }

    @Test
    void onlyThePrefixIsAccepted() {
        assertTrue(ActivityUrl.accepts("jdbc:activity:mysql://h/db"));
        assertFalse(ActivityUrl.accepts("jdbc:mysql://h/db"));
        assertFalse(ActivityUrl.accepts(null));
    }

    @Test
    void malformedUrlsAreExplainedWithoutTheirPassword() {
        SQLException e = assertThrows(SQLException.class, () -> ActivityUrl.parse("jdbc:activity:"));
        assertTrue(e.getMessage().contains("expected jdbc:activity:<target>"), e.getMessage());
        e = assertThrows(SQLException.class, () -> ActivityUrl.parse("jdbc:activity://u:pw1@h/db?password=pw2"));
        assertFalse(e.getMessage().contains("pw1") || e.getMessage().contains("pw2"), e.getMessage());
        assertEquals("08001", e.getSQLState());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://u:hunter2@h/db | jdbc:mysql://u:***@h/db",
        "jdbc:mysql://h/db?user=u&password=hunter2&x=1 | jdbc:mysql://h/db?user=u&password=***&x=1",
        "jdbc:h2:mem:x;USER=sa;PASSWORD=hunter2 | jdbc:h2:mem:x;USER=sa;PASSWORD=***",
        "jdbc:mysql://h/db?trustCertificateKeyStorePassword=hunter2 | jdbc:mysql://h/db?trustCertificateKeyStorePassword=***",
        "jdbc:mysql://(host=h,password=hunter2)/db | jdbc:mysql://(host=h,password=***)/db",
    })
    void passwordsAreStrippedFromUrls(String url, String safe) {
        assertEquals(safe, SafeUrl.redact(url));
    }
}
