package io.jdbcactivity.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} arguments of one subcommand. An option the subcommand
 * does not know, or one given without its value, is a {@link UsageException} that says which.
 */
final class CommandLine {
    private final Map<String, String> values = new LinkedHashMap<>();

    private CommandLine() {
    }

    /**
     * @param valued options that take a value
     * @param flags  options that stand alone
     */
    static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name) && value == null) {
                line.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
                line.values.put(name, value);
            } else {
                throw new UsageException("unknown option " + arg + " (known: "
                        + String.join(" ", sorted(valued, flags)) + ")");
            }
        }
        return line;
    }

    private static List<String> sorted(Set<String> valued, Set<String> flags) {
        return java.util.stream.Stream.concat(valued.stream(), flags.stream()).sorted().toList();
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int intValue(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, not " + v);
        }
    }
}
