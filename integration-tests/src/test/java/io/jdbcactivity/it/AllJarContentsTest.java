package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * What the self-contained jar holds: its own classes and the relocated ones under
 * {@code io/jdbcactivity/}, and outside that only the files a jar and its licenses need; and every
 * class it refers to is in it or in the JDK, but for the optional libraries the bundled SDK and
 * Netty probe for at run time and do without.
 */
class AllJarContentsTest {
    /** Every entry outside {@code io/jdbcactivity/} must match one of these (whole name). */
    private static final List<Pattern> ALLOWED_ENTRIES = List.of(
            Pattern.compile(".*/"), // directories
            Pattern.compile("META-INF/MANIFEST\\.MF"),
            Pattern.compile("META-INF/services/java\\.sql\\.Driver"),
            // service files of the relocated SDK (its HTTP clients, its Jackson)
            Pattern.compile("META-INF/services/io\\.jdbcactivity\\.shaded\\.[^/]+"),
            // the license texts and notices of what is bundled
            Pattern.compile("META-INF/LICENSE[^/]*"),
            Pattern.compile("META-INF/NOTICE[^/]*"),
            Pattern.compile("META-INF/licenses/[^/]+"),
            Pattern.compile("META-INF/thirdparty-LICENSE"),
            Pattern.compile("META-INF/FastDoubleParser-[^/]+"));

    /**
     * Packages that classes in the jar refer to without them being in it, each because the code
     * that refers to them only runs when they are present (and only relocated code may do so).
     */
    private static final List<String> OPTIONAL_PACKAGES = List.of(
            // netty-tcnative (OpenSSL): Netty uses it only when OpenSsl.isAvailable(), else the JDK's TLS
            "io.jdbcactivity.shaded.netty.internal.tcnative.",
            // Netty's native epoll transport: the SDK's ChannelResolver takes it only when Epoll.isAvailable()
            "io.jdbcactivity.shaded.netty.channel.epoll.",
            // the native AWS CRT, for SigV4a signing only when it is on the class path; Kinesis signs with SigV4
            "io.jdbcactivity.shaded.awssdk.crt.",
            "io.jdbcactivity.shaded.awssdk.crtcore.",
            // Netty's other TLS providers and key/certificate helpers, each probed for
            "org.conscrypt.",
            "org.eclipse.jetty.alpn.",
            "org.eclipse.jetty.npn.",
            "org.bouncycastle.",
            // libraries of Netty codecs the HTTP client never uses (compression, protobuf, marshalling)
            "com.aayushatharva.brotli4j.",
            "com.github.luben.zstd.",
            "com.jcraft.jzlib.",
            "net.jpountz.",
            "com.ning.compress.",
            "lzma.sdk.",
            "com.google.protobuf.",
            "org.jboss.marshalling.",
            // logging back ends Netty's InternalLoggerFactory tries before the next one
            "org.apache.logging.log4j.",
            "org.apache.log4j.",
            "org.apache.commons.logging.",
            // annotations only tools read: GraalVM native-image substitutions, JetBrains' @Async
            "com.oracle.svm.",
            "org.jetbrains.annotations.",
            // Netty's BlockHound integration, loaded by BlockHound only
            "reactor.blockhound.");
    /** A line of {@code jdeps --missing-deps}: {@code   from.Class -> missing.Class   not found}. */
    private static final Pattern MISSING = Pattern.compile("\\s+(\\S+)\\s+->\\s+(\\S+)\\s+not found");

    @Test
    void outsideItsOwnPackageItHoldsOnlyManifestServicesAndLicenses() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(AllJar.path().toFile())) {
            assertEquals("io.jdbcactivity", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            assertTrue(jar.getEntry("META-INF/NOTICE-jdbc-activity.txt") != null, "the NOTICE travels in the jar");
            assertEquals("io.jdbcactivity.driver.ActivityDriver", new String(jar.getInputStream(
                    jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(), StandardCharsets.UTF_8).strip(),
                    "the one driver it declares is its own (Connector/J is the application's)");
            for (String name : Collections.list(jar.entries()).stream().map(e -> e.getName()).toList()) {
                if (!name.startsWith("io/jdbcactivity/") && ALLOWED_ENTRIES.stream()
                        .noneMatch(p -> p.matcher(name).matches())) {
                    foreign.add(name);
                }
            }
        }
        assertEquals(List.of(), foreign, "entries outside io/jdbcactivity/ that are not the jar's own metadata");
    }

    @Test
    void everyClassItRefersToIsInItOrInTheJdk() throws Exception {
        Path jar = AllJar.path();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "--multi-release", "17", "--missing-deps", jar.toString());
        assertEquals(0, exit, out.toString());

        List<String> unexpected = new ArrayList<>();
        for (String line : out.toString().lines().filter(l -> !l.isBlank()).toList()) {
            if (line.equals(jar.getFileName() + " -> not found")) {
                continue; // jdeps' summary: the jar has missing dependences, listed below it
            }
            Matcher m = MISSING.matcher(line);
            if (!m.matches()) {
                unexpected.add("unread jdeps output: " + line); // so that a new format cannot pass blind
            } else if (!m.group(1).startsWith("io.jdbcactivity.shaded.")
                    || OPTIONAL_PACKAGES.stream().noneMatch(m.group(2)::startsWith)) {
                unexpected.add(m.group(1) + " -> " + m.group(2));
            }
        }
        assertEquals(List.of(), unexpected, "classes the jar needs but neither holds nor finds in the JDK");
    }
}
