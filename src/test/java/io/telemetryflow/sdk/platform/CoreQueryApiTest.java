package io.telemetryflow.sdk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetryClientBuilder;
import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.TelemetryQueryException;
import io.telemetryflow.sdk.application.TelemetryQueryException.Reason;
import io.telemetryflow.devbackend.DevQueryBackend;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read side's session and its failures over real HTTP against the stand-in of TelemetryFlow Core:
 * one login per session across token expiries, refresh and re-login, and the documented outcome of
 * every bad answer — with no password or token in any message.
 */
class CoreQueryApiTest {

    private static final String JSON = "application/json";
    private OtlpReceiver receiver;
    private DevQueryBackend backend;
    private final List<TelemetryClient> clients = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(TelemetryClient::close);
        if (backend != null) {
            backend.stop();
        }
        receiver.stop();
        for (String m : messages) {
            assertThat(m).doesNotContain(DevQueryBackend.DEV_PASSWORD).doesNotContain("wrong-password-value")
                .doesNotContain("eyJ").doesNotContain("tfs_");
        }
    }

    private TelemetryClient client(Consumer<TelemetryClientBuilder> auth, Duration timeout) {
        TelemetryClientBuilder b = TelemetryClient.builder().apiKey("tfk_query_test", "tfs_query_test_secret")
            .endpoint(receiver.grpcEndpoint()).insecure(true).service("svc", "1.0").timeout(timeout)
            .queryEndpoint(URI.create(backend.url()));
        auth.accept(b);
        TelemetryClient c = b.build().initialize();
        clients.add(c);
        return c;
    }

    private TelemetryClient loggedIn() {
        return client(b -> b.queryLogin(backend.email(), backend.password()), Duration.ofSeconds(5));
    }

    /** The default stand-in, and a client already logged in (so the next request is the one under test). */
    private TelemetryClient loggedInToDefaultBackend() {
        backend = DevQueryBackend.start(receiver);
        TelemetryClient client = loggedIn();
        client.metricNames(null);
        return client;
    }

    private TelemetryQueryException fails(Runnable query) {
        try {
            query.run();
        } catch (TelemetryQueryException e) {
            messages.add(e.getMessage());
            return e;
        }
        throw new AssertionError("the query did not fail");
    }

    private static GetLogsQuery lastHour() {
        return GetLogsQuery.builder().last(Duration.ofHours(1)).build();
    }

    @Test
    void logsInOnceOver200QueriesSpanningTwoTokenExpiries() {
        backend = DevQueryBackend.start(receiver);
        TelemetryClient client = loggedIn();
        for (int i = 0; i < 200; i++) {
            if (i == 70 || i == 140) {
                backend.clock().advance(Duration.ofMinutes(16)); // past the 15-minute access token
            }
            assertThat(client.getLogs(lastHour()).logs()).isEmpty();
        }
        assertThat(backend.logins()).isEqualTo(1);
        assertThat(backend.refreshes()).isEqualTo(2);
    }

    @Test
    void logsInAgainOnlyWhenTheRefreshTokenHasExpired() {
        TelemetryClient client = loggedInToDefaultBackend();
        backend.clock().advance(Duration.ofDays(8)); // past the 7-day refresh token
        assertThat(client.metricNames(null)).isEmpty();
        assertThat(backend.logins()).isEqualTo(2);
        assertThat(backend.requests()).filteredOn(r -> r.uri().getPath().endsWith("/auth/refresh"))
            .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void aRefusedLoginIsNotRetriedSoTheAccountCannotLock() {
        backend = DevQueryBackend.start(receiver);
        TelemetryClient client = client(b -> b.queryLogin(backend.email(), "wrong-password-value"), Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            TelemetryQueryException e = fails(() -> client.getLogs(lastHour()));
            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.errorCode()).hasValue("AUTH_INVALID_CREDENTIALS");
            assertThat(e.getMessage()).contains(backend.email()).contains("telemetryflow.query.password");
        }
        assertThat(backend.logins()).isEqualTo(1);
    }

    @Test
    void loginRateLimitIsReportedAsSuch() {
        backend = DevQueryBackend.start(receiver);
        for (int i = 0; i < 5; i++) {
            TelemetryClient c = client(b -> b.queryLogin(backend.email(), "wrong-password-value"), Duration.ofSeconds(5));
            fails(() -> c.metricNames(null));
        }
        TelemetryClient sixth = loggedIn(); // right password, but the IP has used its 5 attempts
        TelemetryQueryException e = fails(() -> sixth.metricNames(null));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.errorCode()).hasValue("RATE_LIMIT_EXCEEDED");
        assertThat(e.getMessage()).contains("5 logins per 15 minutes");
    }

    @Test
    void anMfaChallengeTellsTheUserToConfigureAToken() {
        backend = DevQueryBackend.start(receiver, DevQueryBackend.Options.defaults().withMfa());
        TelemetryQueryException e = fails(() -> loggedIn().metricNames(null));
        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(e.errorCode()).hasValue("MFA_REQUIRED");
        assertThat(e.getMessage()).contains("MFA").contains("telemetryflow.query.token");
    }

    @Test
    void aRejectedReadyTokenNamesTheKey() {
        backend = DevQueryBackend.start(receiver);
        TelemetryClient client = client(b -> b.queryToken("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.bad-signature"),
            Duration.ofSeconds(5));
        TelemetryQueryException e = fails(() -> client.getLogs(lastHour()));
        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.errorCode()).hasValue("UNAUTHORIZED");
        assertThat(e.getMessage()).contains("telemetryflow.query.token");
        assertThat(backend.logins()).isZero();
    }

    @Test
    void aUserWithoutReadPermissionGets403() {
        backend = DevQueryBackend.start(receiver, DevQueryBackend.Options.defaults().withoutReadPermission());
        TelemetryQueryException e = fails(() -> loggedIn().getLogs(lastHour()));
        assertThat(e.reason()).isEqualTo(Reason.HTTP_ERROR);
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.errorCode()).hasValue("FORBIDDEN");
        assertThat(e.getMessage()).contains("telemetry:*:read").contains("Insufficient permissions");
    }

    @Test
    void errorStatusesCarryStatusCodeAndReason() {
        TelemetryClient client = loggedInToDefaultBackend();
        Object[][] cases = {
            {404, "NOT_FOUND", "Cannot POST /api/v2/query/signals/logs"},
            {429, "TOO_MANY_REQUESTS", "ThrottlerException: Too Many Requests"},
            {500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred"},
            {502, null, null},
        };
        for (Object[] c : cases) {
            if (c[1] == null) {
                backend.respondNext((int) c[0], "text/html", "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO);
            } else {
                backend.respondNextError((int) c[0], (String) c[1], (String) c[2]);
            }
            TelemetryQueryException e = fails(() -> client.getLogs(lastHour()));
            assertThat(e.reason()).isEqualTo(Reason.HTTP_ERROR);
            assertThat(e.statusCode()).isEqualTo((int) c[0]);
            assertThat(e.errorCode()).isEqualTo(java.util.Optional.ofNullable((String) c[1]));
            if (c[2] != null) {
                assertThat(e.getMessage()).contains((String) c[2]);
            }
            assertThat(e.getMessage()).doesNotContain("<html>");
        }
        backend.respondNext(400, JSON, ("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":[\"from must be a valid ISO"
            + " 8601 date string\",\"to should not be empty\"],\"statusCode\":400}}").getBytes(StandardCharsets.UTF_8),
            Duration.ZERO);
        assertThat(fails(() -> client.getLogs(lastHour())).getMessage())
            .contains("from must be a valid ISO 8601 date string; to should not be empty");
    }

    @Test
    void brokenBodiesAreMalformedResponses() {
        TelemetryClient client = loggedInToDefaultBackend();
        String[][] cases = {
            {"{\"data\":[{\"timestamp\":\"2026-12-01 10:00:00\"", "truncated"},
            {"<html>oops</html>", "invalid JSON"},
            {"{\"total\":3}", "no data array"},
            {"{\"data\":{\"not\":\"a list\"}}", "unexpected JSON shape"},
            {"{\"data\":[{\"body\":\"no timestamp\"}]}", "row 0: missing timestamp"},
            {"", "empty"},
        };
        for (String[] c : cases) {
            backend.respondNext(200, JSON, c[0].getBytes(StandardCharsets.UTF_8), Duration.ZERO);
            TelemetryQueryException e = fails(() -> client.getLogs(lastHour()));
            assertThat(e.reason()).as(c[0]).isEqualTo(Reason.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).as(c[0]).contains(c[1]).doesNotContain("oops");
        }
        byte[] huge = new byte[33 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        backend.respondNext(200, JSON, huge, Duration.ZERO);
        assertThat(fails(() -> client.getLogs(lastHour())).getMessage()).contains("exceeds 32 MiB");
    }

    @Test
    void unknownFieldsAndClickHouseFormsAreRead() {
        TelemetryClient client = loggedInToDefaultBackend();
        String body = "{\"data\":[{\"timestamp\":\"2026-12-01 10:00:00.123456789\",\"severity_text\":\"WARN\","
            + "\"severity_number\":\"13\",\"body\":\"hi\",\"trace_id\":\"\",\"log_attributes\":{\"k\":\"v\"},"
            + "\"brand_new_column\":[1,2]}],\"total\":\"1\",\"metadata\":{\"queryId\":\"q\",\"future\":true},"
            + "\"pagination\":{\"page\":1,\"limit\":100,\"hasNext\":false,\"cursor\":\"x\"}}";
        backend.respondNext(200, JSON, body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        LogsPage page = client.getLogs(lastHour());
        assertThat(page.totalCount()).isEqualTo(1);
        assertThat(page.logs()).singleElement().satisfies(l -> {
            assertThat(l.timestamp()).isEqualTo(Instant.parse("2026-12-01T10:00:00.123456789Z"));
            assertThat(l.message()).isEqualTo("hi");
            assertThat(l.traceId()).isEmpty();
            assertThat(l.attributes()).isEqualTo(Map.of("k", "v"));
        });
    }

    @Test
    void aSlowServerIsATimeout() {
        backend = DevQueryBackend.start(receiver);
        TelemetryClient client = client(b -> b.queryLogin(backend.email(), backend.password()), Duration.ofMillis(500));
        client.metricNames(null);
        backend.respondNext(200, JSON, "{\"data\":[]}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));
        TelemetryQueryException e = fails(() -> client.getLogs(lastHour()));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("500 ms").contains("telemetryflow.timeout");
    }

    @Test
    void pagesBeyondTheEndAreEmptyAndBadRangesNeverLeaveTheClient() {
        backend = DevQueryBackend.start(receiver);
        TelemetryClient client = loggedIn();
        LogsPage beyond = client.getLogs(GetLogsQuery.builder().last(Duration.ofHours(1)).limit(100).offset(1000).build());
        assertThat(beyond.logs()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
        Instant now = Instant.now();
        int before = backend.requests().size();
        assertThatThrownBy(() -> GetLogsQuery.builder().between(now, now.minusSeconds(60)).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before end");
        assertThatThrownBy(() -> new GetLogsQuery(null, now, null, null, null, 100, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs both start and end");
        assertThatThrownBy(() -> client.getLogs(GetLogsQuery.builder().last(Duration.ofHours(1)).limit(10).offset(5).build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of limit");
        assertThat(backend.requests()).hasSize(before);
        assertThat(client.getTrace("0123456789abcdef0123456789abcdef")).isEmpty(); // Core's 404
        assertThat(client.platformHealth().isOk()).isTrue();
    }
}
