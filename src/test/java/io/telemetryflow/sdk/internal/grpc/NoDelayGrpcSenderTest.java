package io.telemetryflow.sdk.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The SDK's own OTLP/gRPC sender: TCP_NODELAY sockets, framing and status reading against a real gRPC server. */
class NoDelayGrpcSenderTest {

    private static final String TRACE_EXPORT = "opentelemetry.proto.collector.trace.v1.TraceService/Export";

    @Test
    void everySocketOfTheSenderHasNagleOff() throws Exception {
        NoDelayGrpcSender sender = new NoDelayGrpcSender(config(URI.create("http://127.0.0.1:4317"), null));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket unconnected = sender.client().socketFactory().createSocket();
             Socket connected = sender.client().socketFactory().createSocket(InetAddress.getLoopbackAddress(),
                 server.getLocalPort())) {
            assertThat(unconnected.getTcpNoDelay()).as("the socket OkHttp creates and connects itself").isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        } finally {
            sender.shutdown();
        }
    }

    @Test
    void anEmptyExportRequestIsAnsweredOkByARealGrpcServerPlainAndGzipped() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            for (Compressor compressor : new Compressor[] {null, gzip()}) {
                NoDelayGrpcSender sender = new NoDelayGrpcSender(config(URI.create(receiver.grpcEndpoint()), compressor));
                try {
                    GrpcResponse answer = send(sender);
                    assertThat(answer.getStatusCode()).as("compressor %s", compressor).isEqualTo(GrpcStatusCode.OK);
                } finally {
                    sender.shutdown();
                }
            }
            assertThat(receiver.protocolErrors()).isEmpty();
        }
    }

    @Test
    void noServerIsAnErrorNotAnAnswer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        NoDelayGrpcSender sender = new NoDelayGrpcSender(config(URI.create("http://127.0.0.1:" + port), null));
        try {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            sender.send(emptyMessage(), outcome::complete, outcome::complete);
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        } finally {
            sender.shutdown();
        }
    }

    @Test
    void anHttpErrorWithoutGrpcStatusIsMappedAsGrpcSays() {
        assertThat(GrpcAnswers.fromHttp(503)).isEqualTo(GrpcStatusCode.UNAVAILABLE);
        assertThat(GrpcAnswers.fromHttp(429)).isEqualTo(GrpcStatusCode.UNAVAILABLE);
        assertThat(GrpcAnswers.fromHttp(401)).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        assertThat(GrpcAnswers.fromHttp(403)).isEqualTo(GrpcStatusCode.PERMISSION_DENIED);
        assertThat(GrpcAnswers.fromHttp(404)).isEqualTo(GrpcStatusCode.UNIMPLEMENTED);
        assertThat(GrpcAnswers.fromHttp(400)).isEqualTo(GrpcStatusCode.INTERNAL);
        assertThat(GrpcAnswers.fromHttp(500)).isEqualTo(GrpcStatusCode.UNKNOWN);
    }

    @Test
    void grpcMessagesArePercentDecodedUtf8() {
        assertThat(GrpcAnswers.percentDecode("key%20id%20tfk_x%20not%20allowed")).isEqualTo("key id tfk_x not allowed");
        assertThat(GrpcAnswers.percentDecode("caf%C3%A9")).isEqualTo("café");
        assertThat(GrpcAnswers.percentDecode("100% sure %zz")).isEqualTo("100% sure %zz");
    }

    private static GrpcResponse send(NoDelayGrpcSender sender) throws Exception {
        CompletableFuture<GrpcResponse> answer = new CompletableFuture<>();
        sender.send(emptyMessage(), answer::complete, answer::completeExceptionally);
        return answer.get(10, TimeUnit.SECONDS);
    }

    /** An empty ExportTraceServiceRequest: zero bytes of protobuf. */
    private static MessageWriter emptyMessage() {
        return new MessageWriter() {
            @Override
            public void writeMessage(OutputStream out) {
            }

            @Override
            public int getContentLength() {
                return 0;
            }
        };
    }

    /** OpenTelemetry's gzip as the exporter hands it over: {@code GZIPOutputStream} at its default level. */
    static Compressor gzip() {
        return new Compressor() {
            @Override
            public String getEncoding() {
                return "gzip";
            }

            @Override
            public OutputStream compress(OutputStream out) throws IOException {
                return new java.util.zip.GZIPOutputStream(out);
            }

            @Override
            public String toString() {
                return "gzip";
            }
        };
    }

    private static GrpcSenderConfig config(URI endpoint, Compressor compressor) {
        return new GrpcSenderConfig() {
            @Override public URI getEndpoint() { return endpoint; }
            @Override public String getFullMethodName() { return TRACE_EXPORT; }
            @Override public Compressor getCompressor() { return compressor; }
            @Override public Duration getTimeout() { return Duration.ofSeconds(5); }
            @Override public Duration getConnectTimeout() { return Duration.ofSeconds(2); }
            @Override public Supplier<Map<String, List<String>>> getHeadersSupplier() { return Map::of; }
            @Override public RetryPolicy getRetryPolicy() { return null; }
            @Override public SSLContext getSslContext() { return null; }
            @Override public X509TrustManager getTrustManager() { return null; }
            @Override public ExecutorService getExecutorService() { return null; }
        };
    }
}
