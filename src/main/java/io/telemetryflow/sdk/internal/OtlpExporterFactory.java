package io.telemetryflow.sdk.internal;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.sdk.domain.HistogramAggregation;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.internal.grpc.NoDelayGrpcSenderProvider;
import io.telemetryflow.sdk.domain.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the OpenTelemetry OTLP exporters for a configuration: endpoint and v1/v2 paths,
 * TelemetryFlow headers, gzip, timeout and retry (DESIGN §5).
 *
 * <p>Senders: OTLP/HTTP goes through the JDK {@code HttpClient} (no extra dependency at run
 * time beyond the JDK); OTLP/gRPC goes through this SDK's {@link NoDelayGrpcSenderProvider} (OkHttp
 * with {@code TCP_NODELAY}, HTTP/2 with trailers, without grpc-java), since OpenTelemetry's OkHttp
 * sender stalls each export for a delayed ACK. Providers are looked up with this library's own
 * class loader, so an application server's copy of OpenTelemetry is never mixed in.
 */
public final class OtlpExporterFactory implements ExporterSource {

    private static final String JDK_HTTP_SENDER = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";
    private static final Duration MAX_BACKOFF_CAP = Duration.ofMinutes(1);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final TelemetryConfig config;
    private final Map<String, String> headers;
    private final ComponentLoader componentLoader;
    private final byte[] caPem;
    private final byte[] clientKeyPem;
    private final byte[] clientCertPem;

    /** A factory for {@code config} (which must be enabled). */
    public OtlpExporterFactory(TelemetryConfig config) {
        this.config = config;
        this.headers = TelemetryHeaders.forExport(config);
        this.componentLoader = new SenderChoice(
            ComponentLoader.forClassLoader(OtlpExporterFactory.class.getClassLoader()));
        this.caPem = read(ConfigKey.TLS_CA_FILE, config.tlsCaFile());
        this.clientKeyPem = read(ConfigKey.TLS_CLIENT_KEY_FILE, config.tlsClientKeyFile());
        this.clientCertPem = read(ConfigKey.TLS_CLIENT_CERT_FILE, config.tlsClientCertFile());
    }

    /** The span exporter. */
    @Override
    public SpanExporter spanExporter() {
        if (config.protocol() == Protocol.GRPC) {
            var b = OtlpGrpcSpanExporter.builder().setEndpoint(baseUrl(SignalType.TRACES)).setTimeout(config.timeout())
                .setConnectTimeout(connectTimeout())
                .setCompression(compression(SignalType.TRACES)).setRetryPolicy(retryPolicy(true)).setComponentLoader(componentLoader);
            headers.forEach(b::addHeader);
            tls(b::setTrustedCertificates, b::setClientTls);
            return b.build();
        }
        var b = OtlpHttpSpanExporter.builder().setEndpoint(httpUrl(SignalType.TRACES)).setTimeout(config.timeout())
            .setConnectTimeout(connectTimeout())
            .setCompression(compression(SignalType.TRACES)).setRetryPolicy(retryPolicy(true)).setComponentLoader(componentLoader);
        headers.forEach(b::addHeader);
        tls(b::setTrustedCertificates, b::setClientTls);
        return b.build();
    }

    /** The metric exporter (cumulative temporality, the OTLP default). */
    @Override
    public MetricExporter metricExporter() {
        if (config.protocol() == Protocol.GRPC) {
            var b = OtlpGrpcMetricExporter.builder().setEndpoint(baseUrl(SignalType.METRICS)).setTimeout(config.timeout())
                .setConnectTimeout(connectTimeout())
                .setCompression(compression(SignalType.METRICS)).setRetryPolicy(retryPolicy(false)).setComponentLoader(componentLoader)
                .setDefaultAggregationSelector(aggregations());
            headers.forEach(b::addHeader);
            tls(b::setTrustedCertificates, b::setClientTls);
            return b.build();
        }
        var b = OtlpHttpMetricExporter.builder().setEndpoint(httpUrl(SignalType.METRICS)).setTimeout(config.timeout())
            .setConnectTimeout(connectTimeout())
            .setCompression(compression(SignalType.METRICS)).setRetryPolicy(retryPolicy(false)).setComponentLoader(componentLoader)
            .setDefaultAggregationSelector(aggregations());
        headers.forEach(b::addHeader);
        tls(b::setTrustedCertificates, b::setClientTls);
        return b.build();
    }

    /** The log record exporter. */
    @Override
    public LogRecordExporter logRecordExporter() {
        if (config.protocol() == Protocol.GRPC) {
            var b = OtlpGrpcLogRecordExporter.builder().setEndpoint(baseUrl(SignalType.LOGS)).setTimeout(config.timeout())
                .setConnectTimeout(connectTimeout())
                .setCompression(compression(SignalType.LOGS)).setRetryPolicy(retryPolicy(true)).setComponentLoader(componentLoader);
            headers.forEach(b::addHeader);
            tls(b::setTrustedCertificates, b::setClientTls);
            return b.build();
        }
        var b = OtlpHttpLogRecordExporter.builder().setEndpoint(httpUrl(SignalType.LOGS)).setTimeout(config.timeout())
            .setConnectTimeout(connectTimeout())
            .setCompression(compression(SignalType.LOGS)).setRetryPolicy(retryPolicy(true)).setComponentLoader(componentLoader);
        headers.forEach(b::addHeader);
        tls(b::setTrustedCertificates, b::setClientTls);
        return b.build();
    }

    /** Histograms as configured: explicit buckets (OpenTelemetry's default) or base-2 exponential. */
    private DefaultAggregationSelector aggregations() {
        DefaultAggregationSelector selector = DefaultAggregationSelector.getDefault();
        return config.histogramAggregation() == HistogramAggregation.BASE2_EXPONENTIAL
            ? selector.with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram()) : selector;
    }

    /** The exporter TLS of {@code telemetryflow.tls.*}: a private CA, and a client certificate for mutual TLS. */
    private void tls(Consumer<byte[]> trustedCertificates, BiConsumer<byte[], byte[]> clientTls) {
        if (caPem != null) {
            trustedCertificates.accept(caPem);
        }
        if (clientKeyPem != null && clientCertPem != null) {
            clientTls.accept(clientKeyPem, clientCertPem);
        }
    }

    /** The file's bytes, or {@code null} when not configured; a file that cannot be read fails the start, naming the key. */
    private static byte[] read(ConfigKey key, Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // the path, never the content (the client key is secret)
            throw new IllegalStateException(key.key() + ": cannot read '" + file + "' (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** {@code scheme://host:port} of the signal's endpoint. */
    String baseUrl(SignalType signal) {
        return config.endpoint(signal).toString();
    }

    /** The OTLP/HTTP URL of a signal: {@code /v2/<signal>} with API v2, else {@code /v1/<signal>}. */
    String httpUrl(SignalType signal) {
        return baseUrl(signal) + (config.apiV2() ? "/v2/" : "/v1/") + signal.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The connect timeout: never longer than the export timeout, which bounds every export with
     * all its retries (OpenTelemetry's senders stop retrying when it is used up).
     */
    private Duration connectTimeout() {
        return config.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? config.timeout() : MAX_CONNECT_TIMEOUT;
    }

    private String compression(SignalType signal) {
        return config.compression(signal) ? "gzip" : "none";
    }

    /** The retry policy, or {@code null} (no retry) when disabled. */
    private RetryPolicy retryPolicy(boolean buffered) {
        if (!config.retryEnabled() || config.maxRetries() == 0) {
            return null;
        }
        if (buffered && config.bufferMaxItems() > 0) {
            // The retry buffer re-sends spans and logs itself, without holding up the batch worker
            // for the exporter's backoff (which would fill the queue during an outage).
            return null;
        }
        Duration initial = config.retryBackoff();
        Duration max = initial.multipliedBy(8).compareTo(MAX_BACKOFF_CAP) > 0
            ? (initial.compareTo(MAX_BACKOFF_CAP) > 0 ? initial : MAX_BACKOFF_CAP)
            : initial.multipliedBy(8);
        return RetryPolicy.builder().setMaxAttempts(config.maxRetries() + 1)
            .setInitialBackoff(initial).setMaxBackoff(max).setBackoffMultiplier(2.0).build();
    }

    /** Loads services normally, but offers our gRPC sender and (when present) only the JDK HTTP sender. */
    private static final class SenderChoice implements ComponentLoader {
        private final ComponentLoader delegate;

        SenderChoice(ComponentLoader delegate) {
            this.delegate = delegate;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Iterable<T> load(Class<T> spiClass) {
            if (spiClass == GrpcSenderProvider.class) {
                return List.of((T) new NoDelayGrpcSenderProvider());
            }
            Iterable<T> all = delegate.load(spiClass);
            if (spiClass != HttpSenderProvider.class) {
                return all;
            }
            List<T> jdk = new ArrayList<>();
            for (T provider : all) {
                if (provider.getClass().getName().equals(JDK_HTTP_SENDER)) {
                    jdk.add(provider);
                }
            }
            return jdk.isEmpty() ? all : jdk;
        }
    }
}
