package io.telemetryflow.sdk.domain;

import java.util.Objects;

/**
 * TelemetryFlow API key: a public key id ({@code tfk_…}) and a secret ({@code tfs_…}).
 *
 * <p>An immutable value object. The secret is never part of {@link #toString()} nor of any
 * exception message thrown here — not even a prefix of it — so a credentials object can be
 * logged safely.
 */
public final class Credentials {

    /** Required prefix of the key id. */
    public static final String KEY_ID_PREFIX = "tfk_";
    /** Required prefix of the key secret. */
    public static final String KEY_SECRET_PREFIX = "tfs_";

    private final String keyId;
    private final String keySecret;

    private Credentials(String keyId, String keySecret) {
        this.keyId = keyId;
        this.keySecret = keySecret;
    }

    /**
     * Creates validated credentials.
     *
     * @throws IllegalArgumentException if either part is missing, blank or lacks its prefix;
     *     the message names the part and never contains the secret
     */
    public static Credentials of(String keyId, String keySecret) {
        String idProblem = keyIdProblem(keyId);
        if (idProblem != null) {
            throw new IllegalArgumentException("api key id " + idProblem);
        }
        String secretProblem = keySecretProblem(keySecret);
        if (secretProblem != null) {
            throw new IllegalArgumentException("api key secret " + secretProblem);
        }
        return new Credentials(keyId.trim(), keySecret.trim());
    }

    /** Why {@code keyId} is invalid, or {@code null}; the text may quote the id (it is not secret). */
    public static String keyIdProblem(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return "is required (expected tfk_…)";
        }
        String v = keyId.trim();
        if (v.startsWith(KEY_SECRET_PREFIX)) {
            // A swapped id and secret: the "id" is a secret, so it must not be quoted.
            return "must start with '" + KEY_ID_PREFIX + "' but looks like an API key secret (value hidden);"
                + " are the key id and secret swapped?";
        }
        if (!v.startsWith(KEY_ID_PREFIX) || v.length() == KEY_ID_PREFIX.length()) {
            return "must start with '" + KEY_ID_PREFIX + "' followed by the key (got '" + abbreviate(v) + "')";
        }
        if (containsWhitespaceOrControl(v)) {
            return "must not contain whitespace or control characters";
        }
        return null;
    }

    /** Why {@code keySecret} is invalid, or {@code null}; the text never contains any part of the secret. */
    public static String keySecretProblem(String keySecret) {
        if (keySecret == null || keySecret.isBlank()) {
            return "is required (expected tfs_…)";
        }
        String v = keySecret.trim();
        if (!v.startsWith(KEY_SECRET_PREFIX) || v.length() == KEY_SECRET_PREFIX.length()) {
            return "must start with '" + KEY_SECRET_PREFIX + "' followed by the secret (value hidden, "
                + v.length() + " characters)";
        }
        if (containsWhitespaceOrControl(v)) {
            return "must not contain whitespace or control characters (value hidden)";
        }
        return null;
    }

    private static boolean containsWhitespaceOrControl(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }

    /** The public key id ({@code tfk_…}). */
    public String keyId() {
        return keyId;
    }

    /** The secret ({@code tfs_…}); only the exporter and query client read it. */
    public String keySecret() {
        return keySecret;
    }

    /** The value of the {@code authorization} header: {@code Bearer <keyId>:<keySecret>}. */
    public String authorizationHeader() {
        return "Bearer " + keyId + ":" + keySecret;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Credentials)) {
            return false;
        }
        Credentials that = (Credentials) o;
        return keyId.equals(that.keyId) && keySecret.equals(that.keySecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, keySecret);
    }

    @Override
    public String toString() {
        return "Credentials{keyId=" + keyId + ", keySecret=****}";
    }
}
