package io.jdbcactivity.sample;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process a test starts (the sample application in a JVM of its own, or {@code ./demo}). Its
 * output (standard error merged) is read on a thread of its own as it comes, so that every wait
 * has a limit that really fires; when one passes, or the test ends, the whole process tree is
 * killed, not only its root (the demo's bash would leave java and node behind).
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private ChildProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The sample application's main, on the test class path, with {@code jvmOptions} before it. */
    static ProcessBuilder sampleApp(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApp.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static ProcessBuilder sampleApp(String... args) {
        return sampleApp(List.of(), args);
    }

    static ChildProcess start(ProcessBuilder pb) throws IOException {
        return new ChildProcess(pb.redirectErrorStream(true).start());
    }

    /** Starts, waits for the end within {@code timeout} (else kills the tree and fails), returns exit code and output. */
    static Result run(ProcessBuilder pb, Duration timeout) throws Exception {
        try (ChildProcess p = start(pb)) {
            int code = p.waitFor(timeout);
            return new Result(code, p.output());
        }
    }

    record Result(int code, String output) {
    }

    String output() {
        return output.toString();
    }

    long pid() {
        return process.pid();
    }

    /** The processes it started, alive now (taken before a signal: once the root is gone they are no longer its descendants). */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Waits until the output so far satisfies {@code until}; fails with the output after {@code timeout}. */
    void awaitOutput(Predicate<String> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!until.test(output())) {
            if (!reader.isAlive() && !until.test(output())) {
                throw new AssertionError("the output ended without it; the output:\n" + output());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not printed within " + timeout + "; the output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Sends a signal ({@code INT} as Ctrl-C does, {@code TERM}) to the root process only. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, once the process ended within {@code timeout}; else the tree is killed and the test fails. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree();
            throw new AssertionError("still running after " + timeout + " (killed); the output:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10)); // the rest of the output, which may come from a grandchild
        return process.exitValue();
    }

    private void killTree() {
        List<ProcessHandle> tree = descendants(); // before the root dies and they are handed to init
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            killTree();
        }
    }

    private void readOutput() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                output.append(buffer, 0, n);
            }
        } catch (IOException e) {
            output.append("\n(output unreadable: ").append(e).append(")\n");
        }
    }
}
