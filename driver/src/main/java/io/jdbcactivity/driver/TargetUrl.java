package io.jdbcactivity.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a target URL says about where it connects, read without the target driver: its scheme
 * words ({@code mysql}, {@code mysql+srv}, {@code loadbalance}, {@code replication}...), its hosts
 * in order and the user in its userinfo. Every host form of MySQL Connector/J's and MariaDB
 * Connector/J's "Connection URL Syntax" is read: {@code host}, {@code host:port}, IPv6
 * {@code [::1]:3306}, {@code [user[:password]@]host}, {@code address=(host=h)(port=p)(key=value)},
 * {@code (host=h,port=p,key=value)} and lists, also bracketed ({@code [h1:1,h2]}). The first host is
 * only what the URL names: which one served is asked of the connection ({@link PhysicalIdentity}).
 */
record TargetUrl(List<String> schemeWords, List<HostPort> hosts, String user) {

    /** One host of the URL; {@code port} -1 when neither the URL nor the scheme gives one. */
    record HostPort(String host, int port) {
    }

    static TargetUrl parse(String url) {
        int slashes = url.indexOf("://");
        String scheme = slashes < 0 ? url : url.substring(0, slashes);
        List<String> words = new ArrayList<>();
        for (String w : scheme.toLowerCase(Locale.ROOT).split("[:+]")) {
            if (!w.isEmpty() && !w.equals("jdbc")) {
                words.add(w);
            }
        }
        List<HostPort> hosts = new ArrayList<>();
        String[] user = new String[1];
        if (slashes >= 0) {
            int start = slashes + 3;
            String authority = url.substring(start, authorityEnd(url, start));
            int defaultPort = defaultPort(words);
            for (String spec : split(authority)) {
                addHosts(spec, defaultPort, hosts, user);
            }
            if (hosts.isEmpty() && authority.isEmpty()) {
                hosts.add(new HostPort("localhost", defaultPort)); // jdbc:mysql:///db: the driver's default host
            }
        }
        return new TargetUrl(List.copyOf(words), List.copyOf(hosts), user[0]);
    }

    /** Whether a scheme word is {@code word}: {@code mysql}, {@code loadbalance}, {@code srv}... */
    boolean says(String word) {
        return schemeWords.contains(word);
    }

    /** Whether the target driver may serve this URL from more than one physical connection over time. */
    boolean multiHost() {
        return hosts.size() > 1 || says("srv") || says("loadbalance") || says("replication") || says("sequential")
                || says("failover") || says("load-balance-read");
    }

    HostPort firstHost() {
        return hosts.isEmpty() ? null : hosts.get(0);
    }

    /** Where the host list ends: at the first '/', '?', ';' or '#' outside brackets and parentheses. */
    static int authorityEnd(String url, int start) {
        int depth = 0;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '/' || c == '?' || c == '#' || c == ';')) {
                return i;
            }
        }
        return url.length();
    }

    /** The host specs of a list, split at the commas outside brackets and parentheses. */
    static List<String> split(String list) {
        List<String> specs = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                specs.add(list.substring(from, i));
                from = i + 1;
            }
        }
        specs.add(list.substring(from));
        return specs;
    }

    /** Where the userinfo of a host spec ends: its last '@' outside brackets and parentheses, or -1. */
    static int userInfoEnd(String spec) {
        int depth = 0;
        int at = -1;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == '@' && depth == 0) {
                at = i;
            }
        }
        return at;
    }

    private static void addHosts(String spec, int defaultPort, List<HostPort> hosts, String[] user) {
        spec = spec.trim();
        int at = userInfoEnd(spec);
        if (at >= 0) {
            String info = spec.substring(0, at);
            int colon = info.indexOf(':');
            if (user[0] == null && !info.isEmpty()) {
                user[0] = colon < 0 ? info : info.substring(0, colon);
            }
            spec = spec.substring(at + 1);
        }
        if (spec.isEmpty()) {
            return;
        }
        if (spec.startsWith("[") && spec.endsWith("]") && isList(spec.substring(1, spec.length() - 1))) {
            for (String inner : split(spec.substring(1, spec.length() - 1))) {
                addHosts(inner, defaultPort, hosts, user);
            }
            return;
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("address=")) {
            keyValues(spec.substring("address=".length()), defaultPort, hosts, user);
        } else if (spec.startsWith("(")) {
            keyValues(spec, defaultPort, hosts, user);
        } else if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            String host = spec.substring(1, close < 0 ? spec.length() : close);
            hosts.add(new HostPort(host, port(close < 0 ? "" : spec.substring(close + 1), defaultPort)));
        } else {
            int colon = spec.lastIndexOf(':');
            if (colon >= 0 && spec.indexOf(':') == colon) {
                hosts.add(new HostPort(spec.substring(0, colon), port(spec.substring(colon), defaultPort)));
            } else {
                hosts.add(new HostPort(spec, defaultPort)); // a bare host, or an IPv6 address without brackets
            }
        }
    }

    /** A bracketed list ({@code [h1:1,h2]}, {@code [(host=h)]}) rather than an IPv6 address ({@code [::1]}). */
    private static boolean isList(String inside) {
        if (inside.indexOf(',') >= 0 || inside.indexOf('(') >= 0 || inside.indexOf('=') >= 0) {
            return true;
        }
        int first = inside.indexOf(':');
        return first < 0 || inside.indexOf(':', first + 1) < 0; // one colon: host:port; two or more: IPv6
    }

    /** {@code (host=h)(port=p)(k=v)} or {@code (host=h,port=p,k=v)}. */
    private static void keyValues(String s, int defaultPort, List<HostPort> hosts, String[] user) {
        String host = null;
        int port = defaultPort;
        for (String part : s.replace(")(", ",").replace("(", "").replace(")", "").split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "host" -> host = value.startsWith("[") && value.endsWith("]")
                        ? value.substring(1, value.length() - 1) : value;
                case "port" -> port = port(":" + value, defaultPort);
                case "address" -> { // (address=host:port,priority=1): the X DevAPI style, also read for JDBC
                    List<HostPort> one = new ArrayList<>(1);
                    addHosts(value, defaultPort, one, user);
                    host = one.get(0).host();
                    port = one.get(0).port();
                }
                case "user" -> {
                    if (user[0] == null) {
                        user[0] = value;
                    }
                }
                default -> {
                }
            }
        }
        hosts.add(new HostPort(host == null ? "localhost" : host, port));
    }

    /** {@code :3306} to 3306; anything else (nothing, not a number) to the default. */
    private static int port(String colonPort, int defaultPort) {
        if (colonPort.length() < 2 || colonPort.charAt(0) != ':') {
            return defaultPort;
        }
        try {
            return Integer.parseInt(colonPort.substring(1));
        } catch (NumberFormatException e) {
            return defaultPort;
        }
    }

    private static int defaultPort(List<String> words) {
        if (words.contains("mysql") || words.contains("mariadb")) {
            return 3306;
        }
        return words.contains("postgresql") ? 5432 : -1;
    }
}
