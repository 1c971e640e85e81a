package io.telemetryflow.sdk.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.telemetryflow.sdk.application.TelemetryQueryException;
import io.telemetryflow.sdk.application.TelemetryQueryException.Reason;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Exchanges JSON with TelemetryFlow Core over the JDK {@link HttpClient} and turns every failure into
 * a {@link TelemetryQueryException} carrying the status and the platform's {@code error.code}.
 *
 * <p>Bounded: connecting and the whole exchange (headers and body) must finish within the
 * configured timeout, and bodies above {@value #MAX_BODY_BYTES} bytes are refused. Credentials
 * travel only in headers and request bodies; messages name method, path, status and the platform's
 * short reason — never a token, password, query string or body dump.
 */
final class HttpQueryTransport {

    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final int MAX_REASON_CHARS = 200;
    // Only small error bodies are searched for a reason; larger ones are not JSON error objects.
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
        // DESIGN §8: servers may add fields; we read what we know and ignore the rest.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // "{...} garbage" is a broken answer, not a complete one.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // Parser errors must not quote the body (it could be large or sensitive).
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    /** A non-2xx answer, before it becomes an exception (the session decides about 401s). */
    record Failure(int status, String errorCode, String reason) {
    }

    /** The outcome of one exchange: a 2xx body, or a failure. */
    record Answer(byte[] body, Failure failure) {
    }

    private final HttpClient client;
    private final String base;
    private final Duration timeout;
    private final UnaryOperator<String> scrubber;

    HttpQueryTransport(URI endpoint, Duration timeout, UnaryOperator<String> scrubber) {
        String b = endpoint.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.timeout = timeout;
        this.scrubber = scrubber;
        HttpClient.Builder builder = HttpClient.newBuilder()
            .connectTimeout(timeout)
            // A redirect could carry the authorization header to another host: report it instead.
            .followRedirects(HttpClient.Redirect.NEVER)
            // Plain http gets HTTP/1.1 directly: no h2c upgrade dance with simple servers and proxies.
            .version("https".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_2
                : HttpClient.Version.HTTP_1_1);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies); // honours -Dhttps.proxyHost & co., as Java users expect
        }
        this.client = builder.build();
    }

    /**
     * Sends one request: {@code GET} when {@code body} is {@code null}, else {@code POST} of its JSON.
     *
     * @param pathAndQuery the route (from {@link CoreRoutes}) with an encoded query string, if any
     * @param bearer the access token, or {@code null} for the unauthenticated auth routes
     */
    Answer exchange(String pathAndQuery, Object body, String bearer) {
        String what = (body == null ? "GET " : "POST ") + routeOf(pathAndQuery);
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
            .header("accept", "application/json");
        if (bearer != null) {
            rb.header("authorization", "Bearer " + bearer);
        }
        if (body == null) {
            rb.GET();
        } else {
            rb.header("content-type", "application/json");
            try {
                rb.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode " + what, e);
            }
        }
        HttpResponse<byte[]> response = send(rb.build(), what);
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            return new Answer(response.body(), null);
        }
        return new Answer(null, failure(status, response.body()));
    }

    /** Binds a 2xx body to {@code type}, or throws MALFORMED_RESPONSE naming {@code what}. */
    <T> T read(byte[] body, JavaType type, String what) {
        if (body == null || body.length == 0) {
            throw malformed(what, "the body is empty");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw malformed(what, "the body is JSON null");
            }
            return value;
        } catch (JsonEOFException e) {
            throw malformed(what, "the JSON ends early (truncated body)");
        } catch (MismatchedInputException e) {
            throw malformed(what, "unexpected JSON shape at " + path(e));
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
                throw malformed(what, "the JSON ends early (truncated body)");
            }
            throw malformed(what, "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw malformed(what, "unreadable JSON");
        }
    }

    /** The exception for a failure that the caller does not handle itself. */
    TelemetryQueryException error(String what, Failure f) {
        StringBuilder m = new StringBuilder("TelemetryFlow query ").append(what).append(" failed: HTTP ").append(f.status());
        if (f.errorCode() != null) {
            m.append(' ').append(f.errorCode());
        }
        if (f.status() == 403) {
            m.append(" (the query user lacks a telemetry:*:read permission)");
        } else if (f.status() == 404) {
            m.append(" (no such route; is telemetryflow.query.endpoint TelemetryFlow Core's base URL?)");
        } else if (f.status() == 429) {
            m.append(" (rate-limited by TelemetryFlow Core; retry later)");
        } else if (f.status() >= 300 && f.status() < 400) {
            m.append(" (redirects are not followed; set telemetryflow.query.endpoint to the final URL)");
        }
        if (f.reason() != null) {
            m.append(": ").append(f.reason());
        }
        Reason reason = f.status() == 401 ? Reason.AUTHENTICATION : Reason.HTTP_ERROR;
        return new TelemetryQueryException(reason, f.status(), f.errorCode(), m.toString(), null);
    }

    static TelemetryQueryException malformed(String what, String detail) {
        return new TelemetryQueryException(Reason.MALFORMED_RESPONSE, 0,
            "TelemetryFlow query " + what + " returned malformed JSON: " + detail);
    }

    /** The route without its query string, for messages. */
    static String routeOf(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        CompletableFuture<HttpResponse<byte[]>> future =
            client.sendAsync(request, info -> new BoundedBodySubscriber(MAX_BODY_BYTES));
        try {
            // The request timeout covers the response headers only; this bound covers the body too.
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(what, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TelemetryQueryException(Reason.IO_ERROR, 0, "TelemetryFlow query " + what + " was interrupted", e);
        } catch (ExecutionException | CancellationException e) {
            throw ioFailure(what, e);
        }
    }

    private TelemetryQueryException ioFailure(String what, Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) { // connect and request timeouts alike
            return timeout(what, cause);
        }
        if (cause instanceof BoundedBodySubscriber.BodyTooLargeException) {
            return new TelemetryQueryException(Reason.MALFORMED_RESPONSE, 0,
                "TelemetryFlow query " + what + " failed: " + cause.getMessage());
        }
        String detail = cause.getMessage() == null ? "" : ": " + shorten(cause.getMessage());
        return new TelemetryQueryException(Reason.IO_ERROR, 0, "TelemetryFlow query " + what + " failed ("
            + cause.getClass().getSimpleName() + detail + ")", cause instanceof IOException ? cause : null);
    }

    private TelemetryQueryException timeout(String what, Throwable cause) {
        return new TelemetryQueryException(Reason.TIMEOUT, 0, "TelemetryFlow query " + what
            + " got no complete answer within " + timeout.toMillis() + " ms (telemetryflow.timeout)", cause);
    }

    /** The platform's {@code {error:{code, message}}} of a small JSON error body, shortened. */
    private Failure failure(int status, byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_ERROR_BODY_BYTES) {
            return new Failure(status, null, null);
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                JsonNode code = error.get("code");
                return new Failure(status, code != null && code.isTextual() ? shorten(code.textValue()) : null,
                    message(error.get("message")));
            }
            // Not Core's filter (a proxy, the collector's {"error": "..."}): take a plain message if any.
            JsonNode plain = root == null ? null : (root.has("message") ? root.get("message") : error);
            return new Failure(status, null, message(plain));
        } catch (IOException | RuntimeException notJson) {
            return new Failure(status, null, null); // not a JSON error object: the status alone must do
        }
    }

    private String message(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isTextual() && !n.textValue().isBlank()) {
            return shorten(n.textValue());
        }
        if (n.isArray() && n.size() > 0) { // class-validator: a list of messages
            StringBuilder sb = new StringBuilder();
            n.forEach(item -> sb.append(sb.length() == 0 ? "" : "; ").append(item.asText()));
            return shorten(sb.toString());
        }
        return null;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder("$");
        e.getPath().forEach(ref -> sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]"));
        return sb.toString();
    }

    /** One line, at most {@value #MAX_REASON_CHARS} characters, secrets masked. */
    private String shorten(String text) {
        String oneLine = scrubber.apply(text).replaceAll("\\p{Cntrl}+", " ").trim();
        return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
    }
}
