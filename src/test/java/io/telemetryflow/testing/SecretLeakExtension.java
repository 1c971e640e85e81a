package io.telemetryflow.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the build when an API key secret shows up in log output: registered for every test class
 * of the suite through {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} ({@code junit-platform.properties}).
 *
 * <p>On first use it installs, for the rest of the JVM:
 * <ul>
 *   <li>a {@code java.util.logging} handler on the root logger that sees every record that reaches
 *       the root's handlers (i.e. every record that would be printed, at the loggers' configured
 *       levels), message formatted with its parameters plus the exception chain;</li>
 *   <li>a tee on {@code System.out} and {@code System.err} that scans everything printed.</li>
 * </ul>
 * What it looks for is described in {@link SecretLeakScanner}: any secret-shaped {@code tfs_…}
 * token, and the base64 forms of known secrets. Known secrets are the {@code tfs_…} literals of
 * the test sources and resources (found by scanning {@code src/test} once), system properties
 * whose name contains "secret", and anything a test passes to {@link #registerSecret(String)}.
 *
 * <p>Findings are checked after each test class, which then fails, listing where the secret was
 * seen (the secret itself masked). Output of background threads that outlive their class is
 * attributed to the class running when it appears. Secrets held in memory (a test asserting on a
 * received header, say) are not output and do not count.
 */
public final class SecretLeakExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Object LOCK = new Object();
    private static final Set<String> FINDINGS = new LinkedHashSet<>();
    private static volatile SecretLeakScanner scanner;
    private static volatile ScanHandler julHandler;

    /** Makes {@code secret} known, so its base64 forms are searched for too (plaintext always is). */
    public static void registerSecret(String secret) {
        install();
        scanner.add(secret);
    }

    /** Findings not yet reported (a snapshot); for the extension's own test. */
    public static List<String> pendingFindings() {
        synchronized (LOCK) {
            return List.copyOf(FINDINGS);
        }
    }

    /** Forgets pending findings; only for a test that leaks on purpose to prove the scan works. */
    public static void discardFindings() {
        synchronized (LOCK) {
            FINDINGS.clear();
        }
    }

    /** Scans {@code text} as if it had been logged (used by the tee and the JUL handler). */
    static void inspect(String source, String text) {
        SecretLeakScanner s = scanner;
        if (s == null || text == null) {
            return;
        }
        List<String> found = s.scan(text);
        if (!found.isEmpty()) {
            synchronized (LOCK) {
                for (String f : found) {
                    if (FINDINGS.size() < 50) {
                        FINDINGS.add(source + ": " + f);
                    }
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        harvestSystemProperties();
        reinstallJulHandlerIfRemoved();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        harvestSystemProperties();
        List<String> leaks;
        synchronized (LOCK) {
            leaks = List.copyOf(FINDINGS);
            FINDINGS.clear();
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("API key secret found in log output while " + context.getDisplayName()
                + " ran (or a class before it, from a background thread):\n  " + String.join("\n  ", leaks));
        }
    }

    /** Installs the JUL handler and the stdout/stderr tee once per JVM. */
    static void install() {
        if (scanner != null) {
            return;
        }
        synchronized (LOCK) {
            if (scanner != null) {
                return;
            }
            SecretLeakScanner s = new SecretLeakScanner(knownTestSecrets());
            scanner = s;
            System.setOut(new PrintStream(new ScanningStream(System.out, "System.out"), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ScanningStream(System.err, "System.err"), true, StandardCharsets.UTF_8));
            julHandler = new ScanHandler();
            Logger.getLogger("").addHandler(julHandler);
        }
    }

    // A test (or LogManager.reset/readConfiguration) may have removed the root handlers.
    private static void reinstallJulHandlerIfRemoved() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h == julHandler) {
                return;
            }
        }
        root.addHandler(julHandler);
    }

    private static void harvestSystemProperties() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.toLowerCase(Locale.ROOT).contains("secret")) {
                scanner.add(System.getProperty(name));
            }
        }
    }

    /** The {@code tfs_…} literals of {@code src/test} (sources and resources). */
    static Set<String> knownTestSecrets() {
        Set<String> secrets = new LinkedHashSet<>();
        Path base = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test");
        if (!Files.isDirectory(base)) {
            return secrets;
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(Files::isRegularFile)
                .filter(p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".java") || n.endsWith(".properties") || n.endsWith(".yaml") || n.endsWith(".xml");
                })
                .forEach(p -> {
                    try {
                        Matcher m = SecretLeakScanner.SECRET_SHAPED.matcher(Files.readString(p, StandardCharsets.UTF_8));
                        while (m.find()) {
                            secrets.add(m.group());
                        }
                    } catch (IOException | RuntimeException e) {
                        // unreadable file: its secrets are still caught by the secret-shaped rule
                    }
                });
        } catch (IOException e) {
            // no source tree (e.g. tests run from a jar): the secret-shaped rule still applies
        }
        return secrets;
    }

    /** Scans every record that reaches the root logger's handlers. */
    private static final class ScanHandler extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        ScanHandler() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (record == null) {
                return;
            }
            StringBuilder text = new StringBuilder();
            try {
                text.append(formatter.formatMessage(record));
            } catch (RuntimeException e) {
                text.append(record.getMessage());
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            inspect("JUL " + record.getLevel() + " " + record.getLoggerName(), text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Forwards everything to the original stream and scans it line by line (ASCII suffices: secrets
     * and base64 are ASCII). A tail of each chunk is kept so a secret split across two writes is found.
     */
    private static final class ScanningStream extends OutputStream {
        private static final int CHUNK = 8192;
        private static final int CARRY = 256;
        private final OutputStream target;
        private final String name;
        private final StringBuilder pending = new StringBuilder();
        private int scannedUpTo; // chars of pending already scanned (the carried tail)

        ScanningStream(OutputStream target, String name) {
            this.target = target;
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            synchronized (this) {
                append((char) (b & 0xff), b == '\n');
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            synchronized (this) {
                boolean newline = false;
                for (int i = off; i < off + len; i++) {
                    pending.append((char) (b[i] & 0xff));
                    newline |= b[i] == '\n';
                }
                if (newline || pending.length() >= CHUNK) {
                    scan();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
            synchronized (this) {
                if (pending.length() > scannedUpTo) {
                    scan();
                }
            }
        }

        private void append(char c, boolean newline) {
            pending.append(c);
            if (newline || pending.length() >= CHUNK) {
                scan();
            }
        }

        private void scan() {
            if (pending.length() == scannedUpTo) {
                return;
            }
            // The carried tail was scanned before: report only if the new text adds a finding
            // (a secret in the new text, or one split across the two writes).
            String text = pending.toString();
            SecretLeakScanner s = scanner;
            if (s != null) {
                int alreadySeen = scannedUpTo == 0 ? 0 : s.scan(text.substring(0, scannedUpTo)).size();
                if (s.scan(text).size() > alreadySeen) {
                    inspect(name, text);
                }
            }
            int keep = Math.min(CARRY, pending.length());
            pending.delete(0, pending.length() - keep);
            scannedUpTo = pending.length();
        }
    }
}
