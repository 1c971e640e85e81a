package io.telemetryflow.sdk.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * How the SDK authenticates to TelemetryFlow Core's query API (TELEMETRYFLOW-PLATFORM.md §2): a
 * ready JWT access token, or a user's e-mail and password with which the SDK logs in once and then
 * refreshes. The query API does not accept the ingestion API key.
 *
 * <p>Immutable. The token and the password never appear in {@link #toString()}.
 */
public final class QueryCredentials {

    private final String token;
    private final String email;
    private final String password;

    private QueryCredentials(String token, String email, String password) {
        this.token = token;
        this.email = email;
        this.password = password;
    }

    /** A ready bearer token ({@code telemetryflow.query.token}); the SDK never logs in. */
    public static QueryCredentials token(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(ConfigKey.QUERY_TOKEN.key() + " must not be blank");
        }
        return new QueryCredentials(token.trim(), null, null);
    }

    /** A user ({@code telemetryflow.query.email} + {@code .password}) the SDK logs in as. */
    public static QueryCredentials login(String email, String password) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException(ConfigKey.QUERY_EMAIL.key() + " must not be blank");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(ConfigKey.QUERY_PASSWORD.key() + " must not be empty");
        }
        return new QueryCredentials(null, email.trim(), password);
    }

    /** The ready token, if configured that way. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** The login e-mail, if configured that way. */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The login password, if configured that way. Never print it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryCredentials q && Objects.equals(token, q.token) && Objects.equals(email, q.email)
            && Objects.equals(password, q.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, email, password);
    }

    @Override
    public String toString() {
        return token != null ? "QueryCredentials{token=****}" : "QueryCredentials{email=" + email + ", password=****}";
    }
}
