package io.telemetryflow.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds API key secrets in text, for {@link SecretLeakExtension}.
 *
 * <p>Two rules:
 * <ul>
 *   <li>any secret-shaped token: {@code tfs_} followed by a letter or digit (every TelemetryFlow
 *       secret has that shape, whatever its value; the SDK's own messages only ever write the bare
 *       prefix, e.g. "expected tfs_…");</li>
 *   <li>each known secret in base64, as it would appear in a Basic authorization header or an
 *       encoded dump. Base64 of a longer text (such as {@code keyId:secret}) contains the secret's
 *       encoding in one of three alignments; for each alignment only the characters that depend on
 *       the secret alone are searched, so the secret is found wherever it sits in the encoded text.
 *       Standard and URL-safe alphabets. Only for secrets of 8+ characters (shorter ones would
 *       match random base64).</li>
 * </ul>
 *
 * <p>Findings never contain the secret: the match is masked.
 */
public final class SecretLeakScanner {

    /** A secret-shaped token. */
    static final Pattern SECRET_SHAPED = Pattern.compile("tfs_[A-Za-z0-9][A-Za-z0-9_\\-]*");

    private final Map<String, String> base64Forms = new LinkedHashMap<>(); // encoded core -> label

    /** A scanner knowing {@code secrets} (for the base64 rule). */
    public SecretLeakScanner(Iterable<String> secrets) {
        for (String secret : secrets) {
            add(secret);
        }
    }

    /** Adds a known secret. */
    public synchronized void add(String secret) {
        if (secret == null || secret.length() < 8) {
            return;
        }
        for (String core : base64Cores(secret)) {
            base64Forms.putIfAbsent(core, "base64 of " + mask(secret));
            base64Forms.putIfAbsent(core.replace('+', '-').replace('/', '_'), "base64url of " + mask(secret));
        }
    }

    /** Each finding in {@code text}, described without the secret; empty if clean. */
    public synchronized List<String> scan(String text) {
        List<String> findings = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return findings;
        }
        if (text.contains("tfs_")) {
            Matcher m = SECRET_SHAPED.matcher(text);
            while (m.find()) {
                findings.add("secret-shaped token " + mask(m.group()) + " in: " + excerpt(text, m.start(), m.end()));
            }
        }
        for (Map.Entry<String, String> e : base64Forms.entrySet()) {
            int at = text.indexOf(e.getKey());
            if (at >= 0) {
                findings.add(e.getValue() + " in: " + excerpt(text, at, at + e.getKey().length()));
            }
        }
        return findings;
    }

    /**
     * The parts of the base64 encoding of {@code secret} that do not depend on the bytes around it,
     * for each of the three positions it can take relative to the 3-byte groups of base64.
     */
    static List<String> base64Cores(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> cores = new ArrayList<>(3);
        for (int offset = 0; offset < 3; offset++) {
            byte[] padded = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, padded, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
            int from = (offset * 8 + 5) / 6;              // first character made only of secret bits
            int to = (padded.length * 8) / 6;             // characters after this one need the next byte
            if (to - from >= 6) {
                cores.add(encoded.substring(from, to));
            }
        }
        return cores;
    }

    /** The secret with all but its first six characters hidden. */
    static String mask(String secret) {
        return secret.length() <= 6 ? "tfs_…" : secret.substring(0, 6) + "…(" + secret.length() + " chars)";
    }

    private static String excerpt(String text, int start, int end) {
        int from = Math.max(0, start - 60);
        int to = Math.min(text.length(), end + 40);
        String before = SECRET_SHAPED.matcher(text.substring(from, start)).replaceAll("tfs_<…>");
        String after = SECRET_SHAPED.matcher(text.substring(end, to)).replaceAll("tfs_<…>");
        return ("…" + before + "<SECRET>" + after + "…").replace('\n', ' ').replace('\r', ' ');
    }
}
