package io.jdbcactivity.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decides, per event, whether it is published and at which sampling rate, and counts what it
 * leaves out by rule. An event is published when it must be kept (a connection event, a failure,
 * a risk flag), or when it matches an include term (if any are given), no exclude term, lasted at
 * least {@code activity.filter.minDurationMs}, and is kept by the sampling of its class. Publisher
 * thread only; the counts are read by the same thread for heartbeats and statistics.
 */
public final class Selection {
    /** Counted under this name: an event that matched none of the include terms. */
    static final String NOT_INCLUDED = "include";
    /** Counted under this name: an event faster than the duration threshold. */
    static final String TOO_FAST = "minDurationMs";

    private final List<Rule> include;
    private final List<Rule> exclude;
    private final long minDurationNanos;
    private final Sampling sampling;
    /** Names counted under, in a fixed order: "include", each exclude term, "minDurationMs". */
    private final String[] names;
    private final long[] counts;
    private long filtered;
    private long sampledOut;

    private Selection(List<Rule> include, List<Rule> exclude, long minDurationMillis, Sampling sampling) {
        this.include = include;
        this.exclude = exclude;
        this.minDurationNanos = TimeUnit.MILLISECONDS.toNanos(minDurationMillis);
        this.sampling = sampling;
        List<String> n = new ArrayList<>();
        n.add(NOT_INCLUDED);
        for (Rule r : exclude) {
            n.add("exclude " + r.text());
        }
        n.add(TOO_FAST);
        this.names = n.toArray(new String[0]);
        this.counts = new long[names.length];
    }

    /**
     * The selection the options describe.
     *
     * @throws IllegalArgumentException naming the term that cannot be read
     */
    public static Selection of(String include, String exclude, long minDurationMillis, String sampleRates,
            String sampleBy) {
        return new Selection(Rule.parseList(include), Rule.parseList(exclude), minDurationMillis,
                Sampling.parse(sampleRates, sampleBy));
    }

    /** Nothing filtered, nothing sampled. */
    public static Selection everything() {
        return of(null, null, 0, null, null);
    }

    /** True when every event is published: the publisher then skips the decision altogether. */
    public boolean publishesEverything() {
        return include.isEmpty() && exclude.isEmpty() && minDurationNanos == 0 && !sampling.samplesAnything();
    }

    /**
     * Whether the event is published: 0 when it is not (counted), else the rate it was kept at
     * (1 when not sampled).
     */
    public double decide(Facts f) {
        if (f.mustKeep()) {
            return 1;
        }
        if (!include.isEmpty() && !any(include, f)) {
            return filteredBy(0);
        }
        for (int i = 0; i < exclude.size(); i++) {
            if (exclude.get(i).matches(f)) {
                return filteredBy(1 + i);
            }
        }
        if (f.durationNanos() < minDurationNanos) {
            return filteredBy(names.length - 1);
        }
        double rate = sampling.rate(f);
        if (rate >= 1) {
            return 1;
        }
        if (!sampling.keep(f, rate)) {
            sampledOut++;
            return 0;
        }
        return sampling.effectiveRate(f, rate);
    }

    private double filteredBy(int rule) {
        counts[rule]++;
        filtered++;
        return 0;
    }

    private static boolean any(List<Rule> rules, Facts f) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matches(f)) {
                return true;
            }
        }
        return false;
    }

    /** Events left out by a filter rule (not by sampling). */
    public long filtered() {
        return filtered;
    }

    /** Events left out by sampling. */
    public long sampledOut() {
        return sampledOut;
    }

    /** The rules' names, for {@code filteredBy} in the heartbeats. */
    public String[] ruleNames() {
        return names;
    }

    /** Events left out by each rule, in the order of {@link #ruleNames()}. */
    public long[] ruleCounts() {
        return counts.clone();
    }

    /** Checks option values; the message names what is wrong (for the options' own check). */
    public static String problem(String include, String exclude, String sampleRates, String sampleBy) {
        try {
            of(include, exclude, 0, sampleRates, sampleBy);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
