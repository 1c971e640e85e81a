package io.telemetryflow.sdk.domain;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that a text does not reveal a secret, nor any 4-character piece of it. */
final class SecretAssertions {

    /** A valid secret whose pieces are distinctive enough to search for. */
    static final String SECRET = "tfs_SUPERSECRET_123";

    private SecretAssertions() {
    }

    /**
     * Fails if {@code text} contains {@code secret}, any 4-character substring of the part after
     * {@code tfs_}, or (for secrets of 1–3 characters, which cannot be searched for as such) the
     * secret quoted or as an assignment.
     */
    static void assertNoSecret(String text, String secret) {
        if (secret == null || text == null) {
            return;
        }
        String s = secret.trim();
        if (s.isEmpty()) {
            assertThat(text).doesNotContain("=''");
            return;
        }
        String tail = s.startsWith(Credentials.KEY_SECRET_PREFIX) ? s.substring(Credentials.KEY_SECRET_PREFIX.length()) : s;
        if (tail.isEmpty()) {
            return; // just the public prefix: nothing secret to reveal
        }
        if (s.length() >= 4) {
            assertThat(text).as("full secret").doesNotContain(s);
        }
        for (int i = 0; i + 4 <= tail.length(); i++) {
            assertThat(text).as("a 4-character piece of the secret").doesNotContain(tail.substring(i, i + 4));
        }
        assertThat(text).as("quoted secret").doesNotContain("'" + s + "'").doesNotContain("'" + secret + "'")
            .doesNotContain("=" + s);
        if (s.chars().anyMatch(c -> c > 127)) {
            // distinctive non-ASCII secrets of any length must not appear at all
            assertThat(text).as("distinctive secret").doesNotContain(s);
        }
    }
}
