package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** The driver's self-contained jar (classifier {@code all}), the one this module's class path holds. */
final class AllJar {
    private AllJar() {
    }

    static Path path() throws Exception {
        Path jar = Path.of(io.jdbcactivity.Activity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.getFileName().toString().endsWith("-all.jar"), jar.toString());
        return jar;
    }
}
