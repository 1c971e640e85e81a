package io.telemetryflow.sdk.internal.grpc;

import io.opentelemetry.sdk.common.export.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip this sender writes when the exporter asks for {@code gzip}: deflate level 1 with an 8 KiB
 * buffer instead of OpenTelemetry's {@code GZIPOutputStream} defaults (level 6, 512-byte buffer).
 *
 * <p>Why: an export's cost on the application's cores is mostly compression; on OTLP protobuf level 1
 * takes a fraction of level 6's CPU for bodies only slightly larger (bench/RESULTS.md has the figures),
 * and every gzip reader, the TelemetryFlow collector's included, decodes any level. Other encodings are
 * left to the exporter's compressor.
 */
final class FastGzip {

    static final String ENCODING = "gzip";
    private static final int BUFFER_BYTES = 8192;

    private FastGzip() {
    }

    /** Whether {@code compressor} is gzip (then {@link #compress} writes the same encoding, faster). */
    static boolean handles(Compressor compressor) {
        return compressor != null && ENCODING.equalsIgnoreCase(compressor.getEncoding());
    }

    /** A gzip stream over {@code out} at deflate level 1; closing it finishes the gzip member and closes {@code out}. */
    static OutputStream compress(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, BUFFER_BYTES) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }
}
