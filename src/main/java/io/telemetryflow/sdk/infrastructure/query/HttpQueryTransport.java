package io.telemetryflow.sdk.infrastructure.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.telemetryflow.sdk.application.TelemetryQueryException;
import io.telemetryflow.sdk.application.TelemetryQueryException.Reason;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.infrastructure.TelemetryHeaders;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * GETs JSON from the TelemetryFlow query API on the JDK {@link HttpClient} and turns every
 * failure into a {@link TelemetryQueryException}.
 *
 * <p>Bounded: connecting and the whole exchange (headers and body) must finish within the
 * configured timeout, and bodies above {@value #MAX_BODY_BYTES} bytes are refused. Credentials
 * travel only in headers; messages name method, path and status, never the query string, the
 * secret or the body.
 */
final class HttpQueryTransport {

    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final int MAX_REASON_CHARS = 200;
    // Only small error bodies are searched for a reason; larger ones are not JSON error objects.
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
        // DESIGN §8: servers may add fields; we read what we know and ignore the rest.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // "{...} garbage" is a broken answer, not a complete one.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // Parser errors must not quote the body (it could be large or sensitive).
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    private final HttpClient client;
    private final String base;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final String keyId;
    private final String secret;

    HttpQueryTransport(TelemetryConfig config) {
        URI endpoint = config.queryEndpoint();
        String b = endpoint.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.timeout = config.timeout();
        this.headers = TelemetryHeaders.forQuery(config);
        this.keyId = config.credentials().keyId();
        this.secret = config.credentials().keySecret();
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
     * GETs {@code path} with {@code query} and maps the JSON object with {@code mapping}.
     *
     * @param notFoundIsEmpty whether a 404 means "no such item" (empty) rather than an error
     * @throws TelemetryQueryException on any failure
     */
    <T> Optional<T> get(String path, QueryString query, boolean notFoundIsEmpty, Function<JsonNode, T> mapping) {
        String what = "GET " + path;
        String q = query.encoded();
        HttpRequest request = requestBuilder(URI.create(base + path + (q.isEmpty() ? "" : "?" + q))).build();
        HttpResponse<byte[]> response = send(request, what);
        int status = response.statusCode();
        if (status == 404 && notFoundIsEmpty) {
            return Optional.empty();
        }
        if (status < 200 || status > 299) {
            throw new TelemetryQueryException(Reason.HTTP_ERROR, status, httpErrorMessage(what, status, response.body()));
        }
        JsonNode root = parse(response.body(), what);
        try {
            return Optional.of(mapping.apply(root));
        } catch (MalformedResponseException e) {
            throw new TelemetryQueryException(Reason.MALFORMED_RESPONSE, 0,
                "TelemetryFlow query " + what + " returned malformed JSON: " + scrub(e.getMessage()));
        }
    }

    private HttpRequest.Builder requestBuilder(URI uri) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(timeout)
            .header("accept", "application/json");
        headers.forEach(rb::header);
        return rb;
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
            throw failure(what, e);
        }
    }

    private TelemetryQueryException failure(String what, Exception e) {
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

    private JsonNode parse(byte[] body, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonEOFException e) {
            throw malformed(what, "the JSON ends early (truncated body)");
        } catch (JsonProcessingException e) {
            throw malformed(what, "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw malformed(what, "unreadable JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed(what, "the body is not a JSON object");
        }
        return root;
    }

    private static TelemetryQueryException malformed(String what, String detail) {
        return new TelemetryQueryException(Reason.MALFORMED_RESPONSE, 0,
            "TelemetryFlow query " + what + " returned malformed JSON: " + detail);
    }

    private String httpErrorMessage(String what, int status, byte[] body) {
        StringBuilder m = new StringBuilder("TelemetryFlow query ").append(what).append(" failed: HTTP ").append(status);
        if (status == 401) {
            m.append(" (the API key ").append(keyId).append(" was not accepted)");
        } else if (status == 403) {
            m.append(" (the API key ").append(keyId).append(" may not read this data)");
        } else if (status == 404) {
            m.append(" (no such resource; is telemetryflow.query.endpoint the API base URL?)");
        } else if (status >= 300 && status < 400) {
            m.append(" (redirects are not followed; set telemetryflow.query.endpoint to the final URL)");
        }
        String reason = serverReason(body);
        if (reason != null) {
            m.append(": ").append(reason);
        }
        return m.toString();
    }

    /** The {@code error} or {@code message} string of a small JSON error body, shortened; else null. */
    private String serverReason(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_ERROR_BODY_BYTES) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return null;
            }
            for (String field : new String[] {"message", "error"}) {
                JsonNode n = root.get(field);
                if (n != null && n.isObject()) {
                    n = n.get("message");
                }
                if (n != null && n.isTextual() && !n.textValue().isBlank()) {
                    return shorten(n.textValue());
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // not a JSON error object: the status alone must do
        }
        return null;
    }

    /** One line, at most {@value #MAX_REASON_CHARS} characters, secret masked. */
    private String shorten(String text) {
        String oneLine = scrub(text).replaceAll("\\p{Cntrl}+", " ").trim();
        return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
    }

    // Defence in depth: a server or socket message that echoes the secret must not spread it.
    private String scrub(String text) {
        return text == null ? "" : text.replace(secret, "****");
    }
}
