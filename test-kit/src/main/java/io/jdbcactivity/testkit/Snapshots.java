package io.jdbcactivity.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Approved sequences of statements, one file per snapshot in the test sources:
 * {@code src/test/resources/activity-snapshots/<TestClass>/<name>.sql} (the directory is the
 * system property {@code activity.snapshots.dir} when set), one normalized statement a line,
 * {@code -- COMMAND (method)} for events without text (commit, rollback, a driver's lookup).
 * A test whose statements differ fails with a line diff; {@code -Dactivity.snapshots.update=true}
 * writes what the run recorded instead (re-approval: review the change in version control).
 * A missing snapshot fails too, so that CI never approves by itself.
 */
public final class Snapshots {
    /** Lines of a snapshot file that are not statements. */
    static final String HEADER = "-- jdbc-activity snapshot";

    private final Path directory;

    Snapshots(Path directory) {
        this.directory = directory;
    }

    /** A test class's snapshots: under {@code base}, or the system property's directory when null, per class. */
    static Snapshots forTestClass(Path base, Class<?> testClass) {
        Path root = base != null ? base
                : Path.of(System.getProperty("activity.snapshots.dir", "src/test/resources/activity-snapshots"));
        String name = testClass == null ? "unnamed" : testClass.getName().substring(
                testClass.getPackageName().isEmpty() ? 0 : testClass.getPackageName().length() + 1);
        return new Snapshots(root.resolve(name));
    }

    Path file(String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw new IllegalArgumentException("a snapshot name is a plain file name, not \"" + name + "\"");
        }
        return directory.resolve(name + ".sql");
    }

    /** A statement as a snapshot line: one line, never empty (an empty line is not read back). */
    static String line(String shown) {
        String one = shown.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return one.isBlank() ? "-- (empty text)" : one;
    }

    void check(String name, List<String> texts) {
        List<String> recorded = texts.stream().map(Snapshots::line).toList(); // as the file holds them
        Path file = file(name);
        if (Boolean.getBoolean("activity.snapshots.update")) {
            write(file, name, recorded);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionFailedError("no approved snapshot " + file.toAbsolutePath() + "; the run recorded "
                    + recorded.size() + " statements:\n" + String.join("\n", recorded)
                    + "\nrun with -Dactivity.snapshots.update=true to approve them");
        }
        List<String> approved = read(file);
        if (!approved.equals(recorded)) {
            throw new AssertionFailedError("the statements differ from the approved snapshot " + file + " (- approved, "
                    + "+ recorded; -Dactivity.snapshots.update=true approves the new ones):\n"
                    + LineDiff.diff(approved, recorded), String.join("\n", approved), String.join("\n", recorded));
        }
    }

    static List<String> read(Path file) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.startsWith(HEADER) && !line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot " + file, e);
        }
    }

    private static void write(Path file, String name, List<String> recorded) {
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = new ArrayList<>();
            lines.add(HEADER + " \"" + name + "\": the statements it runs, in order; re-approve with "
                    + "-Dactivity.snapshots.update=true");
            lines.addAll(recorded);
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot " + file, e);
        }
    }
}
