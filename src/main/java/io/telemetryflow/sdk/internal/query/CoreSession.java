package io.telemetryflow.sdk.internal.query;

import com.fasterxml.jackson.databind.JavaType;
import io.telemetryflow.sdk.application.TelemetryQueryException;
import io.telemetryflow.sdk.application.TelemetryQueryException.Reason;
import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.sdk.domain.QueryCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticated calls to TelemetryFlow Core: a ready token, or a login that is kept alive.
 *
 * <p>Core rate-limits {@code POST /auth/login} to 5 attempts per 15 minutes per IP and locks the
 * account after 5 failures (TELEMETRYFLOW-PLATFORM.md §2), so a client must never log in per query:
 * this session logs in once, refreshes shortly before the access token expires (and once more when
 * Core answers 401 anyway, e.g. after a clock skew or a server restart), and logs in again only when
 * the refresh token itself is refused. A refused login is not retried for {@link #LOGIN_BACKOFF}
 * (every query fails fast with the same exception until then), so a wrong password cannot lock the
 * account. Thread-safe: concurrent queries share one login and one refresh.
 */
final class CoreSession {

    /** How long a refused or rate-limited login blocks further attempts: Core's rate-limit window. */
    static final Duration LOGIN_BACKOFF = Duration.ofMinutes(15);
    // Refresh this long before expiry, or at a fifth of the lifetime for short-lived tokens.
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    private static final int MIN_SECRET_CHARS = 6;

    private final HttpQueryTransport transport;
    private final QueryCredentials credentials;
    private final Clock clock;
    private final Object lock = new Object();
    // Written under lock; volatile because scrub() reads them from any thread.
    private volatile String accessToken;
    private volatile String refreshToken;
    // Guarded by lock.
    private Instant refreshAt = Instant.MAX;
    private TelemetryQueryException loginRefused;
    private Instant loginBlockedUntil = Instant.MIN;

    CoreSession(QueryCredentials credentials, java.net.URI endpoint, Duration timeout, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.transport = new HttpQueryTransport(endpoint, timeout, this::scrub);
        this.accessToken = credentials.token().orElse(null);
    }

    /**
     * One authenticated request, bound to {@code type}.
     *
     * @param body the JSON body of a POST, or {@code null} for a GET
     * @param notFoundIsEmpty whether a 404 means "no such item" ({@link Optional#empty()}) rather than an error
     * @throws TelemetryQueryException on any failure
     */
    <T> Optional<T> call(String pathAndQuery, Object body, JavaType type, boolean notFoundIsEmpty) {
        String what = (body == null ? "GET " : "POST ") + HttpQueryTransport.routeOf(pathAndQuery);
        String token = currentToken(what);
        HttpQueryTransport.Answer answer = transport.exchange(pathAndQuery, body, token);
        if (answer.failure() != null && answer.failure().status() == 401 && credentials.email().isPresent()) {
            token = renewAfterRejection(token, what);
            answer = transport.exchange(pathAndQuery, body, token);
        }
        HttpQueryTransport.Failure failure = answer.failure();
        if (failure != null) {
            if (failure.status() == 404 && notFoundIsEmpty) {
                return Optional.empty();
            }
            if (failure.status() == 401 && credentials.token().isPresent()) {
                throw new TelemetryQueryException(Reason.AUTHENTICATION, 401, failure.errorCode(),
                    "TelemetryFlow query " + what + " failed: HTTP 401: TelemetryFlow Core rejected "
                        + ConfigKey.QUERY_TOKEN.key() + " (expired or revoked?); configure a fresh token or "
                        + ConfigKey.QUERY_EMAIL.key() + " + " + ConfigKey.QUERY_PASSWORD.key(), null);
            }
            throw transport.error(what, failure);
        }
        return Optional.of(transport.read(answer.body(), type, what));
    }

    /** Unauthenticated GET (Core's {@code /health}). */
    <T> T callPublic(String path, JavaType type) {
        String what = "GET " + path;
        HttpQueryTransport.Answer answer = transport.exchange(path, null, null);
        if (answer.failure() != null) {
            throw transport.error(what, answer.failure());
        }
        return transport.read(answer.body(), type, what);
    }

    private String currentToken(String what) {
        if (credentials.token().isPresent()) {
            return accessToken;
        }
        synchronized (lock) {
            if (accessToken == null) {
                login(what);
            } else if (!clock.instant().isBefore(refreshAt)) {
                refresh(what);
            }
            return accessToken;
        }
    }

    private String renewAfterRejection(String rejected, String what) {
        synchronized (lock) {
            if (accessToken != null && !accessToken.equals(rejected)) {
                return accessToken; // another query renewed it meanwhile
            }
            if (refreshToken != null) {
                refresh(what);
            } else {
                login(what);
            }
            return accessToken;
        }
    }

    // Guarded by lock.
    private void refresh(String what) {
        HttpQueryTransport.Answer answer =
            transport.exchange(CoreRoutes.REFRESH, new CoreWire.Refresh(refreshToken), null);
        if (answer.failure() != null) {
            if (answer.failure().status() == 401 || answer.failure().status() == 400) {
                // REFRESH_TOKEN_EXPIRED, TOKEN_REVOKED: only a new login helps.
                clearTokens();
                login(what);
                return;
            }
            throw transport.error("POST " + CoreRoutes.REFRESH + " (for " + what + ")", answer.failure());
        }
        accept(transport.read(answer.body(), type(CoreWire.Tokens.class), "POST " + CoreRoutes.REFRESH), what);
    }

    // Guarded by lock.
    private void login(String what) {
        Instant now = clock.instant();
        if (now.isBefore(loginBlockedUntil)) {
            throw loginRefused;
        }
        String email = credentials.email().orElseThrow();
        HttpQueryTransport.Answer answer = transport.exchange(CoreRoutes.LOGIN,
            new CoreWire.Login(email, credentials.password().orElseThrow()), null);
        if (answer.failure() != null) {
            HttpQueryTransport.Failure f = answer.failure();
            if (f.status() == 401 || f.status() == 403 || f.status() == 429) {
                String hint = f.status() == 429
                    ? "Core allows 5 logins per 15 minutes per IP"
                    : "check " + ConfigKey.QUERY_EMAIL.key() + " and " + ConfigKey.QUERY_PASSWORD.key();
                block(new TelemetryQueryException(Reason.AUTHENTICATION, f.status(), f.errorCode(),
                    "TelemetryFlow Core refused the login of " + email + " (HTTP " + f.status()
                        + (f.errorCode() == null ? "" : " " + f.errorCode()) + (f.reason() == null ? "" : ": " + f.reason())
                        + "); " + hint + ". Not retried for " + LOGIN_BACKOFF.toMinutes()
                        + " minutes, so that the account is not locked", null), now);
                throw loginRefused;
            }
            throw transport.error("POST " + CoreRoutes.LOGIN + " (for " + what + ")", f);
        }
        CoreWire.Tokens tokens = transport.read(answer.body(), type(CoreWire.Tokens.class), "POST " + CoreRoutes.LOGIN);
        if (Boolean.TRUE.equals(tokens.mfaRequired())) {
            block(new TelemetryQueryException(Reason.AUTHENTICATION, 200, "MFA_REQUIRED",
                "TelemetryFlow Core asks for a second factor (MFA) to log in " + email + "; the SDK cannot answer it:"
                    + " configure " + ConfigKey.QUERY_TOKEN.key() + " with an access token instead", null), Instant.MAX);
            throw loginRefused;
        }
        accept(tokens, what);
    }

    private void block(TelemetryQueryException e, Instant from) {
        loginRefused = e;
        loginBlockedUntil = from.equals(Instant.MAX) ? Instant.MAX : from.plus(LOGIN_BACKOFF);
    }

    // Guarded by lock.
    private void accept(CoreWire.Tokens tokens, String what) {
        if (tokens.accessToken() == null || tokens.accessToken().isBlank()) {
            throw HttpQueryTransport.malformed(what, "the token answer has no accessToken");
        }
        accessToken = tokens.accessToken();
        if (tokens.refreshToken() != null && !tokens.refreshToken().isBlank()) {
            refreshToken = tokens.refreshToken(); // Core may rotate it; keep the old one otherwise
        }
        long lifetime = tokens.expiresIn() == null || tokens.expiresIn() <= 0 ? 900 : tokens.expiresIn();
        Duration margin = Duration.ofSeconds(lifetime).dividedBy(5);
        if (margin.compareTo(REFRESH_MARGIN) > 0) {
            margin = REFRESH_MARGIN;
        }
        refreshAt = clock.instant().plusSeconds(lifetime).minus(margin);
    }

    private void clearTokens() {
        accessToken = null;
        refreshToken = null;
        refreshAt = Instant.MAX;
    }

    /** Masks the password and every token this session holds (defence in depth for server echoes). */
    private String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : new String[] {credentials.password().orElse(null), credentials.token().orElse(null),
                                           accessToken, refreshToken}) {
            if (secret != null && secret.length() >= MIN_SECRET_CHARS) {
                out = out.replace(secret, "****");
            }
        }
        return out;
    }

    static JavaType type(Class<?> c) {
        return HttpQueryTransport.JSON.getTypeFactory().constructType(c);
    }
}
