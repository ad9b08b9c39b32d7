package io.jdbcactivity.testkit;

import io.jdbcactivity.Activity;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes {@code none} the JVM-wide default sink when the JUnit Platform starts a test run with the
 * kit on the class path (registered in {@code META-INF/services}, found by the launcher itself):
 * before any {@code @BeforeAll}, any test class without a recorder and any test instance, so a
 * connection opened there (a Spring context, a schema set-up) does not look for a Kinesis stream.
 * The default is below every configured source: a URL, connection properties, system
 * properties, the environment or {@code activity.properties} that name a sink keep it.
 */
public final class NoSinkByDefault implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        apply();
    }

    static void apply() {
        try {
            Activity.setDefault("activity.sink", "none");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
