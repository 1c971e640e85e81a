package io.telemetryflow.sdk.internal.grpc;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Reads a gRPC answer from an HTTP/2 response: the one length-prefixed message (bounded, gunzipped
 * if flagged), then {@code grpc-status} / {@code grpc-message} from the headers (a trailers-only
 * answer) or the trailers. An HTTP error without a gRPC status (a proxy or load balancer answering)
 * is mapped as gRPC's HTTP-to-status table says, so a 503 counts as UNAVAILABLE (retryable).
 */
final class GrpcAnswers {

    private static final String STATUS = "grpc-status";
    private static final String MESSAGE = "grpc-message";
    private static final int FRAME_HEADER = 5;

    private GrpcAnswers() {
    }

    /** The answer carried by {@code response}; an {@code IOException} means the answer did not arrive whole. */
    static GrpcResponse read(Response response, long maxMessageBytes) throws IOException {
        byte[] message = new byte[0];
        try (ResponseBody body = response.body()) {
            if (body != null) {
                BufferedSource source = body.source();
                if (source.request(FRAME_HEADER)) {
                    boolean compressed = source.readByte() != 0;
                    long length = source.readInt() & 0xFFFFFFFFL;
                    if (length > maxMessageBytes) {
                        return answer(GrpcStatusCode.RESOURCE_EXHAUSTED,
                            "gRPC response of " + length + " bytes exceeds the limit of " + maxMessageBytes);
                    }
                    message = source.readByteArray(length);
                    if (compressed) {
                        if (!"gzip".equalsIgnoreCase(response.header("grpc-encoding"))) {
                            return answer(GrpcStatusCode.INTERNAL,
                                "unsupported gRPC message encoding: " + response.header("grpc-encoding"));
                        }
                        message = gunzip(message, maxMessageBytes);
                    }
                }
                source.exhausted(); // the trailers are readable once the body is consumed
            }
        }
        Headers trailers = response.header(STATUS) != null ? response.headers() : trailersOf(response);
        String status = trailers == null ? null : trailers.get(STATUS);
        if (status == null) {
            return response.code() == 200
                ? answer(GrpcStatusCode.UNKNOWN, "no grpc-status in the answer", message)
                : answer(fromHttp(response.code()), "HTTP " + response.code() + " " + response.message(), message);
        }
        String description = trailers.get(MESSAGE);
        return answer(code(status), description == null ? "" : percentDecode(description), message);
    }

    /** gRPC's mapping of an HTTP status without a gRPC status (grpc/doc/http-grpc-status-mapping.md). */
    static GrpcStatusCode fromHttp(int httpStatus) {
        switch (httpStatus) {
            case 400: return GrpcStatusCode.INTERNAL;
            case 401: return GrpcStatusCode.UNAUTHENTICATED;
            case 403: return GrpcStatusCode.PERMISSION_DENIED;
            case 404: return GrpcStatusCode.UNIMPLEMENTED;
            case 429: case 502: case 503: case 504: return GrpcStatusCode.UNAVAILABLE;
            default: return GrpcStatusCode.UNKNOWN;
        }
    }

    /** Decodes a {@code grpc-message}: percent-encoded UTF-8 (malformed escapes kept as they are). */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? Character.digit(in[i + 1], 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(in[i + 2], 16);
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Headers trailersOf(Response response) {
        try {
            return response.trailers();
        } catch (IOException e) {
            return null; // no trailers: the HTTP status tells
        }
    }

    private static GrpcStatusCode code(String status) {
        try {
            return GrpcStatusCode.fromValue(Integer.parseInt(status.trim()));
        } catch (RuntimeException e) {
            return GrpcStatusCode.UNKNOWN;
        }
    }

    private static byte[] gunzip(byte[] compressed, long maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] out = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (out.length > maxBytes) {
                throw new IOException("gunzipped gRPC response exceeds the limit of " + maxBytes + " bytes");
            }
            return out;
        }
    }

    static GrpcResponse answer(GrpcStatusCode code, String description) {
        return answer(code, description, new byte[0]);
    }

    private static GrpcResponse answer(GrpcStatusCode code, String description, byte[] message) {
        return new Answer(code, description, message);
    }

    /** An immutable gRPC answer. */
    private static final class Answer implements GrpcResponse {
        private final GrpcStatusCode code;
        private final String description;
        private final byte[] message;

        Answer(GrpcStatusCode code, String description, byte[] message) {
            this.code = code;
            this.description = description;
            this.message = message;
        }

        @Override
        public GrpcStatusCode getStatusCode() {
            return code;
        }

        @Override
        public String getStatusDescription() {
            return description;
        }

        @Override
        public byte[] getResponseMessage() {
            return message.clone();
        }
    }
}
