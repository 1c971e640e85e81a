package io.telemetryflow.devbackend;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authentication of the stand-in, as TelemetryFlow Core's auth module behaves
 * (TELEMETRYFLOW-PLATFORM.md §2, {@code backend/src/modules/auth}): one configured user, HS256 JWT
 * access tokens (15 minutes by default) and opaque refresh tokens (7 days), rotated on refresh;
 * {@code POST /auth/login} limited to 5 attempts per 15 minutes per client address; a user with MFA
 * answered with {@code {mfaRequired, mfaToken}} instead of tokens. Time comes from a clock the
 * tests can move forward, so expiry is tested without waiting.
 */
final class CoreAuth {

  static final int LOGIN_ATTEMPTS = 5;
  static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);

  /** An answer of the auth routes: status, JSON body, and the platform's error code (if any). */
  record Outcome(int status, Object body) {}

  private final String email;
  private final String password;
  private final boolean mfa;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;
  private final byte[] signingKey = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
  private final Map<String, Instant> refreshTokens = new HashMap<>();
  private final Map<String, Deque<Instant>> attemptsByClient = new HashMap<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();

  CoreAuth(String email, String password, boolean mfa, Duration accessTtl, Duration refreshTtl, Clock clock) {
    this.email = email;
    this.password = password;
    this.mfa = mfa;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.clock = clock;
  }

  int logins() {
    return logins.get();
  }

  int refreshes() {
    return refreshes.get();
  }

  synchronized Outcome login(String client, Map<?, ?> body) {
    Instant now = clock.instant();
    Deque<Instant> attempts = attemptsByClient.computeIfAbsent(client, c -> new ArrayDeque<>());
    while (!attempts.isEmpty() && !attempts.peekFirst().isAfter(now.minus(LOGIN_WINDOW))) {
      attempts.removeFirst();
    }
    if (attempts.size() >= LOGIN_ATTEMPTS) {
      return new Outcome(429, DevQueryBackend.error(429, "RATE_LIMIT_EXCEEDED",
          "Too many login attempts. Please try again later.", "/api/v2/auth/login"));
    }
    attempts.addLast(now);
    logins.incrementAndGet();
    if (!email.equals(body.get("email")) || !(body.get("password") instanceof String given) || !same(given, password)) {
      return new Outcome(401, DevQueryBackend.error(401, "AUTH_INVALID_CREDENTIALS", "Invalid email or password",
          "/api/v2/auth/login"));
    }
    if (mfa) {
      return new Outcome(201, DevJson.object("mfaRequired", true, "mfaToken", "mfa-" + UUID.randomUUID()));
    }
    return new Outcome(201, tokens(now));
  }

  synchronized Outcome refresh(Map<?, ?> body) {
    Instant now = clock.instant();
    Object token = body.get("refreshToken");
    Instant expiry = token == null ? null : refreshTokens.remove(token);
    if (expiry == null) {
      return new Outcome(401, DevQueryBackend.error(401, "TOKEN_REVOKED", "Token has been revoked",
          "/api/v2/auth/refresh"));
    }
    if (!now.isBefore(expiry)) {
      return new Outcome(401, DevQueryBackend.error(401, "REFRESH_TOKEN_EXPIRED",
          "Refresh token has expired. Please log in again.", "/api/v2/auth/refresh"));
    }
    refreshes.incrementAndGet();
    return new Outcome(200, tokens(now));
  }

  /** Whether {@code authorization} carries a well-signed, unexpired access token of ours. */
  boolean validAccessToken(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String[] parts = authorization.substring("Bearer ".length()).split("\\.");
    if (parts.length != 3 || !same(parts[2], sign(parts[0] + "." + parts[1]))) {
      return false;
    }
    try {
      Map<?, ?> claims = DevJson.read(Base64.getUrlDecoder().decode(parts[1]), Map.class);
      return claims.get("exp") instanceof Number exp && clock.instant().getEpochSecond() < exp.longValue();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private Map<String, Object> tokens(Instant now) {
    String header = b64(DevJson.text(DevJson.object("alg", "HS256", "typ", "JWT")));
    String claims = b64(DevJson.text(DevJson.object("sub", "user-1", "email", email, "organizationId", "org-1",
        "iat", now.getEpochSecond(), "exp", now.plus(accessTtl).getEpochSecond(), "jti", UUID.randomUUID().toString())));
    String access = header + "." + claims + "." + sign(header + "." + claims);
    String refresh = "rt_" + UUID.randomUUID().toString().replace("-", "");
    refreshTokens.put(refresh, now.plus(refreshTtl));
    return DevJson.object("accessToken", access, "refreshToken", refresh, "expiresIn", accessTtl.toSeconds(),
        "tokenType", "Bearer");
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
