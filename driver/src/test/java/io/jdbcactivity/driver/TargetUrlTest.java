package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every URL form of MySQL Connector/J's "Connection URL Syntax" (its reference manual, 6.2: the
 * protocols, single and multiple hosts, userinfo, {@code address=(…)} and key-value host forms,
 * bracketed lists, IPv6) and MariaDB Connector/J's ({@code jdbc:mariadb:[replication|sequential|
 * loadbalance|load-balance-read]:}, {@code address=(host=…)(port=…)(type=…)}): each is accepted
 * as a jdbc-activity target, handed on unchanged, its hosts read in order and its passwords kept
 * out of every URL the driver shows.
 */
class TargetUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // url after jdbc:activity: | hosts as host:port, in order | user (- for none)
        "mysql://host1:33060/sakila | host1:33060 | -",
        "mysql://host1/sakila | host1:3306 | -",
        "mysql:///sakila | localhost:3306 | -",
        "mysql://myuser:secret_password@localhost:3306/db | localhost:3306 | myuser",
        "mysql://[1000:2000::abcd]:3307/db | 1000:2000::abcd:3307 | -",
        "mysql://[::1]/db | ::1:3306 | -",
        "mysql://address=(host=myhost1)(port=1111)(key1=value1)/db | myhost1:1111 | -",
        "mysql://(host=myhost1,port=1111,key1=value1)/db | myhost1:1111 | -",
        "mysql://myhost1:1111,myhost2:2222/db | myhost1:1111,myhost2:2222 | -",
        "mysql://address=(host=myhost1)(port=1111)(key1=value1),address=(host=myhost2)(port=2222)(key2=value2)/db"
                + " | myhost1:1111,myhost2:2222 | -",
        "mysql://(host=myhost1,port=1111,key1=value1),(host=myhost2,port=2222,key2=value2)/db"
                + " | myhost1:1111,myhost2:2222 | -",
        "mysql://myhost1:1111,(host=myhost2,port=2222,key2=value2)/db | myhost1:1111,myhost2:2222 | -",
        "mysql://sandy:secret@[myhost1:1111,myhost2:2222]/db | myhost1:1111,myhost2:2222 | sandy",
        "mysql://sandy:secret@[address=(host=myhost1)(port=1111)(key1=value1),address=(host=myhost2)(port=2222)]/db"
                + " | myhost1:1111,myhost2:2222 | sandy",
        "mysql://sandy:secret@[myhost1:1111,address=(host=myhost2)(port=2222)(key2=value2)]/db"
                + " | myhost1:1111,myhost2:2222 | sandy",
        "mysql://myuser:mypassword@[(host=myhost1,port=1111),(host=myhost2,port=2222)]/db"
                + " | myhost1:1111,myhost2:2222 | myuser",
        "mysql://address=(host=myhost1)(port=1111)(user=sandy)(password=secret),address=(host=myhost2)(port=2222)"
                + "(user=finn)(password=secret)/db | myhost1:1111,myhost2:2222 | sandy",
        "mysql://(host=myhost1,port=1111,user=sandy,password=secret),(host=myhost2,port=2222,user=finn,"
                + "password=secret)/db | myhost1:1111,myhost2:2222 | sandy",
        "mysql://sandy:secret@myhost1:1111,finn:secret@myhost2:2222/db | myhost1:1111,myhost2:2222 | sandy",
        "mysql://(address=host1:1111,priority=1,key1=value1),(address=host2:2222,priority=2)/db"
                + " | host1:1111,host2:2222 | -",
        "mysql://(host=myhost1,port=1111,serverTimezone=Europe/Paris)/db | myhost1:1111 | -",
        "mysql:loadbalance://localhost:3306,localhost:3310/sakila | localhost:3306,localhost:3310 | -",
        "mysql:replication://source,replica1,replica2/db | source:3306,replica1:3306,replica2:3306 | -",
        "mysql+srv://_mysql._tcp.example.com/db | _mysql._tcp.example.com:3306 | -",
        "mysql+srv:loadbalance://_mysql._tcp.example.com/db | _mysql._tcp.example.com:3306 | -",
        "mysql+srv:replication://_mysql._tcp.example.com/db | _mysql._tcp.example.com:3306 | -",
        "mariadb://localhost:3306/db?user=u&password=p | localhost:3306 | -",
        "mariadb:sequential://host1,host2:3307/db | host1:3306,host2:3307 | -",
        "mariadb:loadbalance://host1,host2/db | host1:3306,host2:3306 | -",
        "mariadb:load-balance-read://host1,host2/db | host1:3306,host2:3306 | -",
        "mariadb:replication://primary1,replica1/db | primary1:3306,replica1:3306 | -",
        "mariadb:failover://host1,host2/db | host1:3306,host2:3306 | -",
        "mariadb://address=(host=h1)(port=3306)(type=primary),address=(host=h2)(port=3307)(type=replica)/db"
                + " | h1:3306,h2:3307 | -",
        "mariadb://[2001:0660:7401:0200:0000:0000:0edf:bdd7]:3306/db | 2001:0660:7401:0200:0000:0000:0edf:bdd7:3306 | -",
        "p6spy:mysql://h:3307/db | h:3307 | -",
        "aws-wrapper:mysql://h/db | h:3306 | -",
        "postgresql://pg/db | pg:5432 | -",
        "h2:tcp://localhost:9092/~/test | localhost:9092 | -",
    })
    void everyHostFormIsReadInOrder(String rest, String hosts, String user) throws SQLException {
        String target = ActivityUrl.parse("jdbc:activity:" + rest).targetUrl();
        assertEquals("jdbc:" + rest, target, "handed on unchanged");
        TargetUrl url = TargetUrl.parse(target);
        assertEquals(hosts, url.hosts().stream().map(h -> h.host() + ":" + h.port()).collect(Collectors.joining(",")));
        assertEquals(user.equals("-") ? null : user, url.user());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://h/db | false",
        "jdbc:mysql://h1,h2/db | true",
        "jdbc:mysql:loadbalance://h/db | true",
        "jdbc:mysql:replication://h/db | true",
        "jdbc:mysql+srv://_mysql._tcp.h/db | true",
        "jdbc:mariadb:sequential://h/db | true",
        "jdbc:mariadb://h/db | false",
        "jdbc:h2:mem:x | false",
    })
    void multiHostUrlsAreKnown(String url, boolean multiHost) {
        assertEquals(multiHost, TargetUrl.parse(url).multiHost());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://u:hunter2@h/db | jdbc:mysql://u:***@h/db",
        "jdbc:mysql://u:hun@ter2@h/db | jdbc:mysql://u:***@h/db",
        "jdbc:mysql://h/db?user=u&password=hunter2&x=1 | jdbc:mysql://h/db?user=u&password=***&x=1",
        "jdbc:mysql://h/db?password1=hunter2&password2=hunter3&password3=hunter4"
                + " | jdbc:mysql://h/db?password1=***&password2=***&password3=***",
        "jdbc:h2:mem:x;USER=sa;PASSWORD=hunter2 | jdbc:h2:mem:x;USER=sa;PASSWORD=***",
        "jdbc:mysql://h/db?trustCertificateKeyStorePassword=hunter2 | jdbc:mysql://h/db?trustCertificateKeyStorePassword=***",
        "jdbc:mysql://(host=h,password=hunter2)/db | jdbc:mysql://(host=h,password=***)/db",
        "jdbc:mysql://address=(host=h)(port=1)(password=hunter2)(user=u)/db"
                + " | jdbc:mysql://address=(host=h)(port=1)(password=***)(user=u)/db",
        "jdbc:mysql://sandy:hunter2@h1:1,finn:hunter3@h2:2/db | jdbc:mysql://sandy:***@h1:1,finn:***@h2:2/db",
        "jdbc:mysql://sandy:hunter2@[h1:1,h2:2]/db | jdbc:mysql://sandy:***@[h1:1,h2:2]/db",
        "jdbc:mysql://[sandy:hunter2@h1:1,finn:hunter3@h2]/db | jdbc:mysql://[sandy:***@h1:1,finn:***@h2]/db",
        "jdbc:mysql+srv://u:hunter2@_mysql._tcp.h/db | jdbc:mysql+srv://u:***@_mysql._tcp.h/db",
        "jdbc:activity:p6spy:mysql://u:hunter2@h/db?password=hunter3 | jdbc:activity:p6spy:mysql://u:***@h/db?password=***",
        "jdbc:mariadb:replication://u:hunter2@h1,h2/db | jdbc:mariadb:replication://u:***@h1,h2/db",
        "jdbc:mysql://[::1]:3306/db | jdbc:mysql://[::1]:3306/db",
    })
    void passwordsAreStrippedFromEveryPlace(String url, String safe) {
        String redacted = SafeUrl.redact(url);
        assertEquals(safe, redacted);
        assertFalse(redacted.contains("hunter"), redacted);
    }

    @org.junit.jupiter.api.Test
    void xDevApiIsExplained() {
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> TargetDrivers.find("jdbc:mysqlx://h:33060/db", "jdbc:activity:mysqlx://h:33060/db"));
        assertTrue(e.getMessage().contains("X DevAPI, not JDBC"), e.getMessage());
    }
}
