package io.telemetryflow.sdk.internal.grpc;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.telemetryflow.sdk.internal.ExportHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;

/**
 * OTLP/gRPC (unary, HTTP/2 with trailers) over OkHttp's public API, with {@code TCP_NODELAY} on
 * every socket ({@link NoDelaySocketFactory}). OpenTelemetry's own OkHttp sender gives no way to
 * reach its sockets, and with Nagle on each export waits about 40 ms for a delayed ACK.
 *
 * <p>gzip is written at deflate level 1 ({@link FastGzip}): the same encoding at a fraction of the CPU.
 *
 * <p>Retries follow the exporter's {@link RetryPolicy} on this sender's dispatcher thread (never
 * the caller's): connection failures and the retryable statuses of {@link ExportHealth#isRetryable},
 * with exponential backoff and jitter, all within the export timeout.
 */
final class NoDelayGrpcSender implements GrpcSender {

    private static final MediaType GRPC = MediaType.get("application/grpc");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final OkHttpClient client;
    private final HttpUrl url;
    private final Compressor compressor;
    private final Supplier<Map<String, List<String>>> headers;
    private final RetryPolicy retry;
    private final long timeoutNanos;
    private final long maxResponseBytes;
    private final ExecutorService ownExecutor;
    private volatile boolean shutdown;

    NoDelayGrpcSender(GrpcSenderConfig config) {
        ExecutorService given = config.getExecutorService();
        this.ownExecutor = given == null ? newExecutor() : null;
        OkHttpClient.Builder b = new OkHttpClient.Builder()
            .dispatcher(new Dispatcher(given != null ? given : ownExecutor))
            .socketFactory(new NoDelaySocketFactory())
            .callTimeout(config.getTimeout())
            .connectTimeout(config.getConnectTimeout());
        if ("http".equalsIgnoreCase(config.getEndpoint().getScheme())) {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        } else {
            b.protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
            if (config.getSslContext() != null) {
                b.sslSocketFactory(config.getSslContext().getSocketFactory(), trustManager(config.getTrustManager()));
            }
            List<String> versions = config.getEnabledProtocols();
            if (versions != null && !versions.isEmpty()) {
                b.connectionSpecs(List.of(new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                    .tlsVersions(versions.toArray(new String[0])).build()));
            }
        }
        this.client = b.build();
        this.url = HttpUrl.get(config.getEndpoint().resolve("/" + config.getFullMethodName()).toString());
        this.compressor = config.getCompressor();
        this.headers = config.getHeadersSupplier();
        this.retry = config.getRetryPolicy();
        this.timeoutNanos = config.getTimeout().toNanos();
        this.maxResponseBytes = config.getMaxResponseBodySize();
    }

    @Override
    public void send(MessageWriter message, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
        if (shutdown) {
            onError.accept(new IOException("the gRPC sender is shut down"));
            return;
        }
        Request request = request(message);
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            client.newCall(request).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    settle(request, deadline, null, e, onResponse, onError);
                }

                @Override
                public void onResponse(Call call, Response response) {
                    GrpcResponse answer;
                    try {
                        answer = GrpcAnswers.read(response, maxResponseBytes);
                    } catch (IOException e) {
                        settle(request, deadline, null, e, onResponse, onError);
                        return;
                    }
                    settle(request, deadline, answer, null, onResponse, onError);
                }
            });
        } catch (RejectedExecutionException e) {
            onError.accept(e);
        }
    }

    /**
     * Reports the outcome of the first attempt, or, while it is retryable and the policy, the
     * deadline and shutdown allow, waits the backoff and sends again on this (dispatcher) thread.
     */
    private void settle(Request request, long deadline, GrpcResponse answer, IOException error,
                        Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
        for (int attempt = 1; ; attempt++) {
            long backoff = retryable(answer, error) ? backoffNanos(attempt) : -1;
            if (backoff < 0 || shutdown || System.nanoTime() + backoff >= deadline || !pause(backoff)) {
                if (error != null) {
                    onError.accept(error);
                } else {
                    onResponse.accept(answer);
                }
                return;
            }
            Call call = client.newCall(request);
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                answer = GrpcAnswers.read(response, maxResponseBytes);
                error = null;
            } catch (IOException e) {
                answer = null;
                error = e;
            }
        }
    }

    private boolean retryable(GrpcResponse answer, IOException error) {
        if (retry == null) {
            return false;
        }
        if (error != null) {
            // TLS failures (plaintext answer, untrusted certificate, refused client certificate) do not heal
            // by resending; connection failures and timeouts may.
            return retry.getRetryExceptionPredicate() != null ? retry.getRetryExceptionPredicate().test(error)
                : !(error instanceof javax.net.ssl.SSLException);
        }
        return ExportHealth.isRetryable(answer.getStatusCode());
    }

    /** The wait before attempt {@code attempt + 1}, or -1 when the policy allows no more attempts. */
    private long backoffNanos(int attempt) {
        if (attempt >= retry.getMaxAttempts()) {
            return -1;
        }
        double base = retry.getInitialBackoff().toNanos() * Math.pow(retry.getBackoffMultiplier(), attempt - 1);
        double capped = Math.min(base, retry.getMaxBackoff().toNanos());
        return (long) (capped * ThreadLocalRandom.current().nextDouble(0.5, 1.0)); // jitter: retries spread out
    }

    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shut down: report the last outcome
            return false;
        }
    }

    private Request request(MessageWriter message) {
        Request.Builder b = new Request.Builder().url(url);
        Map<String, List<String>> extra = headers.get();
        if (extra != null) {
            extra.forEach((name, values) -> values.forEach(value -> b.addHeader(name, value)));
        }
        b.header("te", "trailers").header("grpc-accept-encoding", "identity,gzip");
        if (compressor != null) {
            b.header("grpc-encoding", compressor.getEncoding());
        }
        return b.post(new FramedMessage(message, compressor)).build();
    }

    /** The HTTP client (for tests of its settings). */
    OkHttpClient client() {
        return client;
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdown = true;
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        return CompletableResultCode.ofSuccess();
    }

    private static ExecutorService newExecutor() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "telemetryflow-grpc-export-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static X509TrustManager trustManager(X509TrustManager given) {
        if (given != null) {
            return given;
        }
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return (X509TrustManager) tm;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default trust manager is unavailable", e);
        }
        throw new IllegalStateException("the JVM has no default X.509 trust manager");
    }

    /** One length-prefixed gRPC message: a compressed flag, the length, the (compressed) bytes. */
    static final class FramedMessage extends RequestBody {
        private final MessageWriter message;
        private final Compressor compressor;

        FramedMessage(MessageWriter message, Compressor compressor) {
            this.message = message;
            this.compressor = compressor;
        }

        @Override
        public MediaType contentType() {
            return GRPC;
        }

        @Override
        public long contentLength() {
            return compressor == null ? 5L + message.getContentLength() : -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            if (compressor == null) {
                sink.writeByte(0).writeInt(message.getContentLength());
                message.writeMessage(sink.outputStream());
                return;
            }
            Buffer compressed = new Buffer();
            try (OutputStream out = FastGzip.handles(compressor) ? FastGzip.compress(compressed.outputStream())
                : compressor.compress(compressed.outputStream())) {
                message.writeMessage(out);
            }
            sink.writeByte(1).writeInt((int) compressed.size());
            sink.writeAll(compressed);
        }
    }
}
