package io.jdbcactivity.spool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A publisher in another process, for {@link SpoolProcessTest}. Modes:
 * <ul>
 * <li>{@code hold DIR OWNER N}: appends N frames, flushes, prints {@code READY}, then holds the spool
 *     until its standard input closes (or it is killed);
 * <li>{@code append DIR OWNER}: appends numbered frames in rounds of 10, prints the count after each
 *     {@code flushToOs()}, until killed;
 * <li>{@code adopt DIR OWNER}: opens, prints {@code adopted <owners> <frames>}, closes.
 * </ul>
 */
public class SpoolChild {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        String owner = args[2];
        try (Spool spool = Spool.open(dir, owner, SpoolTest.SETTINGS)) {
            switch (args[0]) {
                case "hold" -> {
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        SpoolTest.append(spool, i);
                    }
                    check(spool.flushToOs());
                    System.out.println("READY");
                    System.out.flush();
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                case "append" -> {
                    for (int n = 0; n < 1_000_000;) {
                        for (int i = 0; i < 10; i++) {
                            check(SpoolTest.append(spool, n++) >= 0);
                        }
                        check(spool.flushToOs());
                        System.out.println(n);
                        System.out.flush();
                    }
                    TimeUnit.MINUTES.sleep(1); // never reached in the test: it is killed long before
                }
                case "adopt" -> {
                    List<Frame> frames = new ArrayList<>();
                    for (Frame f; (f = spool.next()) != null;) {
                        frames.add(f);
                    }
                    System.out.println("adopted " + spool.recovery().ownersAdopted() + " " + frames.size());
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("spool refused");
        }
    }
}
