package io.jdbcactivity.filter;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code activity.sample.rates} ({@code CLASS:rate,…}, a class not named keeps everything) by
 * {@code activity.sample.by}:
 * <ul>
 *   <li>{@code transaction} (the default): a hash of the connection and the transaction decides,
 *       so a transaction's statements of one class are kept or left out together, and the choice
 *       is the same wherever it is made;</li>
 *   <li>{@code digest}: one event in every {@code round(1/rate)} of each statement shape is kept
 *       (the first, then every n-th), so every shape is represented in proportion to its count.</li>
 * </ul>
 * Publisher thread only.
 */
final class Sampling {
    /** Shapes counted at most per publisher; past it the counts start again (a shape's next event is kept). */
    static final int MAX_DIGESTS = 10_000;

    private final Map<String, Double> rates;
    private final boolean byDigest;
    private final Map<String, long[]> digestCounts = new HashMap<>();

    private Sampling(Map<String, Double> rates, boolean byDigest) {
        this.rates = rates;
        this.byDigest = byDigest;
    }

    /** @throws IllegalArgumentException naming what is wrong in {@code spec} or {@code by} */
    static Sampling parse(String spec, String by) {
        Map<String, Double> rates = new HashMap<>();
        if (spec != null) {
            for (String raw : spec.split(",")) {
                String term = raw.trim();
                if (term.isEmpty()) {
                    continue;
                }
                int colon = term.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("'" + term + "' is not CLASS:rate (e.g. READ:0.01, WRITE:1)");
                }
                String cls = term.substring(0, colon).trim().toUpperCase(Locale.ROOT);
                double rate;
                try {
                    rate = Double.parseDouble(term.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + term + "': the rate is not a number from 0 to 1");
                }
                if (!(rate >= 0 && rate <= 1)) {
                    throw new IllegalArgumentException("'" + term + "': the rate must be from 0 (none) to 1 (all)");
                }
                rates.put(cls, rate);
            }
        }
        boolean byDigest = switch (by == null ? "transaction" : by) {
            case "transaction" -> false;
            case "digest" -> true;
            default -> throw new IllegalArgumentException("sampling is by transaction or by digest, not '" + by + "'");
        };
        return new Sampling(rates, byDigest);
    }

    boolean samplesAnything() {
        for (double r : rates.values()) {
            if (r < 1) {
                return true;
            }
        }
        return false;
    }

    /** The rate {@code f}'s class is kept at (1: all). */
    double rate(Facts f) {
        Double r = f.activityClass() == null ? null : rates.get(f.activityClass());
        return r == null ? 1 : r;
    }

    /** Whether the event is kept at {@code rate} (below 1). */
    boolean keep(Facts f, double rate) {
        if (rate <= 0) {
            return false;
        }
        if (byDigest && f.statement() != null) {
            long every = Math.max(1, Math.round(1 / rate));
            if (digestCounts.size() >= MAX_DIGESTS) {
                digestCounts.clear();
            }
            long[] count = digestCounts.computeIfAbsent(f.statement().digest(), d -> new long[1]);
            return count[0]++ % every == 0;
        }
        return unit(f.connectionId(), f.transactionId()) < rate;
    }

    /**
     * The rate the kept event stands for: by digest one in {@code round(1/rate)}; an event without a
     * statement (a driver call without SQL) is sampled by transaction even then, at {@code rate}.
     */
    double effectiveRate(Facts f, double rate) {
        return byDigest && f.statement() != null ? 1.0 / Math.max(1, Math.round(1 / rate)) : rate;
    }

    /** A uniform number in [0, 1) from the connection and transaction: the same for the same pair, anywhere. */
    static double unit(String connectionId, long transactionId) {
        long h = connectionId.hashCode() * 0x9E3779B97F4A7C15L + transactionId;
        h ^= h >>> 33; // splitmix64's finaliser: neighbouring transaction ids land far apart
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
