package io.jdbcactivity.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/** What one command of the sample application printed, run in this JVM. */
record CommandOutput(int code, String out, String err) {

    static CommandOutput run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SampleApp.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandOutput(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The event lines of the viewer's output, before its summary. */
    List<String> eventLines() {
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.startsWith("---- summary")) {
                break;
            }
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** The summary line that starts with {@code label}. */
    String summaryLine(String label) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " line in\n" + out));
    }
}
