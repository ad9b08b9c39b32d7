package io.jdbcactivity;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class of the driver (junit-platform.properties, autodetection): a
 * class starts with no publisher of an earlier class still running. Many tests read "the"
 * publisher's figures from {@link Activity#stats()}, whose first entries are the running
 * publishers; one that an earlier class left idle (a none sink that has not retired yet) would
 * be read instead, depending on the order the classes run in.
 */
public final class IsolatedPublishers implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Activity.shutdown();
    }
}
