package io.jdbcactivity.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The values an {@link Option} accepts, declared on the option's own line: checking is one loop
 * over the options ({@link ActivityOptions}), never a list of special cases, and a new option
 * states its bounds where it is declared.
 *
 * <p>An explicitly empty value ({@code activity.x=} in the URL, {@code -Dactivity.x=}) stands for
 * the option's default, as if unset but overriding lower-precedence sources: a way to unset what a
 * system property or {@code activity.properties} sets. The exception is {@link #nonEmptyText}, for
 * options where empty has a tempting wrong meaning (an empty file path).
 */
public abstract sealed class Allowed permits Allowed.Text, Allowed.Choices, Allowed.Range {

    private Allowed() {
    }

    /** Any text. */
    public static Allowed text() {
        return Text.ANY;
    }

    /** Any text but an explicitly empty one, which is refused with {@code whenEmpty} as the advice. */
    public static Allowed nonEmptyText(String whenEmpty) {
        return new Text(whenEmpty);
    }

    /**
     * Text in a small language of its own (filter terms, sampling rates): {@code problem} answers
     * what is wrong with a value, or null when nothing is; {@code what} says what is accepted.
     */
    public static Allowed written(String what, java.util.function.UnaryOperator<String> problem) {
        return new Text(null, what, problem);
    }

    /** One of {@code choices}, spelled exactly. */
    public static Allowed oneOf(String... choices) {
        return new Choices(List.of(choices));
    }

    /** A whole number from {@code min} to {@code max}, both included; {@code why} is said with every refusal. */
    public static Range range(long min, long max, String why) {
        return new Range(min, max, null, null, why);
    }

    /** Checks a value that was set explicitly and is not empty. */
    abstract void check(Option o, String value, String source) throws InvalidOptionException;

    /** Checks an explicitly empty value: by default it stands for the option's default. */
    void checkEmpty(Option o, String source) throws InvalidOptionException {
    }

    /** What is accepted, in words: for messages, {@code DriverPropertyInfo} and the README. */
    public abstract String describe();

    /** The values to offer in {@code DriverPropertyInfo.choices}, or null when any value of a kind goes. */
    public String[] choices() {
        return null;
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Free text (names, ARNs, URLs, paths, class names). */
    static final class Text extends Allowed {
        static final Text ANY = new Text(null);
        /** Advice when the value is empty; null: empty is the default. */
        private final String whenEmpty;
        /** What is accepted, when the text has a form of its own; else null. */
        private final String what;
        private final java.util.function.UnaryOperator<String> problem;

        private Text(String whenEmpty) {
            this(whenEmpty, null, v -> null);
        }

        private Text(String whenEmpty, String what, java.util.function.UnaryOperator<String> problem) {
            this.whenEmpty = whenEmpty;
            this.what = what;
            this.problem = problem;
        }

        @Override
        void check(Option o, String value, String source) throws InvalidOptionException {
            String wrong = problem.apply(value);
            if (wrong != null) {
                throw new InvalidOptionException(o.key() + "=" + value + " (from " + source + "): " + wrong);
            }
        }

        @Override
        void checkEmpty(Option o, String source) throws InvalidOptionException {
            if (whenEmpty != null) {
                throw new InvalidOptionException(o.key() + " is empty (from " + source + "): " + whenEmpty);
            }
        }

        @Override
        public String describe() {
            return what != null ? what : whenEmpty == null ? "any text" : "any text but empty";
        }
    }

    /** A closed vocabulary (sink kinds, policies, modes, booleans). */
    static final class Choices extends Allowed {
        private final List<String> choices;

        private Choices(List<String> choices) {
            this.choices = choices;
        }

        @Override
        void check(Option o, String value, String source) throws InvalidOptionException {
            if (!choices.contains(value)) {
                throw new InvalidOptionException(o.key() + "=" + value + " (from " + source + ") is not " + describe());
            }
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", choices);
        }

        @Override
        public String[] choices() {
            return choices.toArray(new String[0]);
        }
    }

    /**
     * A whole number within bounds chosen from what the option does: a size the heap must hold, a
     * time a thread or a caller waits. Out-of-range values would otherwise fail late and far from
     * their cause ({@code queue.capacity=2147483647} became a {@code NegativeArraySizeException},
     * {@code 2^30} an {@code OutOfMemoryError} 38 s later).
     */
    public static final class Range extends Allowed {
        private final long min;
        private final long max;
        /** A value outside the range with a meaning of its own (0: never), or null. */
        private final Long off;
        private final String offMeans;
        private final String why;

        private Range(long min, long max, Long off, String offMeans, String why) {
            if (min > max || off != null && off >= min && off <= max) {
                throw new IllegalArgumentException("bad range " + min + ".." + max + " off " + off);
            }
            this.min = min;
            this.max = max;
            this.off = off;
            this.offMeans = offMeans;
            this.why = why;
        }

        /** The same range, plus {@code value} outside it meaning {@code means} (0: never). */
        public Range or(long value, String means) {
            return new Range(min, max, value, means, why);
        }

        public long min() {
            return min;
        }

        public long max() {
            return max;
        }

        @Override
        void check(Option o, String value, String source) throws InvalidOptionException {
            BigInteger n;
            try {
                n = new BigInteger(value); // not parseLong: 99999999999999999999 is out of range, not "not a number"
            } catch (NumberFormatException e) {
                throw new InvalidOptionException(o.key() + "=" + value + " (from " + source
                        + ") is not a whole number: it must be " + describe() + ". " + why);
            }
            boolean isOff = off != null && n.equals(BigInteger.valueOf(off));
            if (!isOff && (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0)) {
                throw new InvalidOptionException(o.key() + "=" + value + " (from " + source
                        + ") is out of range: it must be " + describe() + ". " + why);
            }
        }

        @Override
        public String describe() {
            String range = number(min) + ".." + number(max);
            return off == null ? range : number(off) + " (" + offMeans + ") or " + range;
        }
    }
}
