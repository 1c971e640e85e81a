package io.telemetryflow.sdk.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.export.Compressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The sender's gzip: standard gzip any reader decodes, written at deflate level 1. */
class FastGzipTest {

    private static final int GZIP_HEADER = 10;
    private static final int GZIP_TRAILER = 8;

    @Test
    void writesGzipThatTheJdkReaderDecodesToTheSameBytes() throws IOException {
        byte[] payload = payload();
        byte[] gz = fastGzip(payload);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }

    @Test
    void theDeflateStreamIsLevelOneNotTheDefault() throws IOException {
        byte[] payload = payload();
        byte[] gz = fastGzip(payload);
        byte[] body = Arrays.copyOfRange(gz, GZIP_HEADER, gz.length - GZIP_TRAILER);
        assertThat(body).isEqualTo(rawDeflate(payload, Deflater.BEST_SPEED));
        assertThat(body).isNotEqualTo(rawDeflate(payload, Deflater.DEFAULT_COMPRESSION));
    }

    @Test
    void theSendersGzipFrameCarriesLevelOneWhateverTheExportersCompressor() throws IOException {
        byte[] payload = payload();
        Compressor exporters = NoDelayGrpcSenderTest.gzip();
        okio.Buffer frame = new okio.Buffer();
        new NoDelayGrpcSender.FramedMessage(message(payload), exporters).writeTo(frame);
        assertThat(frame.readByte()).as("compressed flag").isEqualTo((byte) 1);
        int length = frame.readInt();
        byte[] gz = frame.readByteArray();
        assertThat(gz).hasSize(length);
        byte[] body = Arrays.copyOfRange(gz, GZIP_HEADER, gz.length - GZIP_TRAILER);
        assertThat(body).isEqualTo(rawDeflate(payload, Deflater.BEST_SPEED));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }

    @Test
    void onlyGzipIsHandled() {
        assertThat(FastGzip.handles(compressor("gzip"))).isTrue();
        assertThat(FastGzip.handles(compressor("zstd"))).isFalse();
        assertThat(FastGzip.handles(null)).isFalse();
    }

    private static byte[] fastGzip(byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = FastGzip.compress(bytes)) {
            out.write(payload);
        }
        return bytes.toByteArray();
    }

    private static byte[] rawDeflate(byte[] payload, int level) {
        Deflater d = new Deflater(level, true);
        d.setInput(payload);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!d.finished()) {
            out.write(chunk, 0, d.deflate(chunk));
        }
        d.end();
        return out.toByteArray();
    }

    /** Span-like text with repetition and variety, so levels 1 and 6 produce different streams. */
    private static byte[] payload() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            s.append("span-").append(i * 7919 % 1000).append(" http.route=/orders/").append(i % 37)
                .append(" region=eu-west-").append(i % 3).append(" trace=").append(Integer.toHexString(i * 2654435761L
                    > 0 ? (int) (i * 2654435761L) : i)).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static io.opentelemetry.sdk.common.export.MessageWriter message(byte[] payload) {
        return new io.opentelemetry.sdk.common.export.MessageWriter() {
            @Override
            public void writeMessage(OutputStream out) throws IOException {
                out.write(payload);
            }

            @Override
            public int getContentLength() {
                return payload.length;
            }
        };
    }

    private static Compressor compressor(String encoding) {
        return new Compressor() {
            @Override
            public String getEncoding() {
                return encoding;
            }

            @Override
            public OutputStream compress(OutputStream out) {
                return out;
            }
        };
    }
}
