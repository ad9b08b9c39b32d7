package io.jdbcactivity.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The sample application in a JVM of its own (its {@code main}, exit codes, signals), on the test class path. */
final class SampleAppProcess {
    private SampleAppProcess() {
    }

    record Result(int code, String output) {
    }

    static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SampleApp.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    static Result run(ProcessBuilder pb, int timeoutSeconds) throws Exception {
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
