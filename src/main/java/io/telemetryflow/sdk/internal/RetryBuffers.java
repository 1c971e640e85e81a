package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The retry buffers of one runtime: their limits from the configuration, and waiting for them to drain. */
final class RetryBuffers {

    private final List<RetryBuffer<?>> buffers = new ArrayList<>();

    /** The bounds of each signal's buffer ({@code telemetryflow.buffer.*}). */
    final class Limits {
        private final int maxItems;
        private final long maxBytes;
        private final int batchSize;
        private final Duration sendTimeout;
        private final Duration firstBackoff;

        Limits(TelemetryConfig config) {
            this.maxItems = config.retryEnabled() ? config.bufferMaxItems() : 0;
            this.firstBackoff = config.retryBackoff();
            this.maxBytes = config.bufferMaxBytes();
            this.batchSize = config.batchMaxSize();
            // one re-send is one attempt: the buffer is the retry policy of spans and logs
            this.sendTimeout = config.timeout();
        }

        <T> RetryBuffer<T> create(SignalType signal, Function<Collection<T>, CompletableResultCode> send,
                                  ToLongFunction<T> sizeOf, ExportHealth health) {
            RetryBuffer<T> buffer = new RetryBuffer<>(signal, send, sizeOf, health, maxItems, maxBytes, batchSize,
                sendTimeout, firstBackoff);
            synchronized (buffers) {
                buffers.add(buffer);
            }
            return buffer;
        }
    }

    Limits limits(TelemetryConfig config) {
        return new Limits(config);
    }

    /** Waits until every buffer is empty or {@code deadlineNanos} passes; {@code true} if all are empty. */
    boolean awaitEmpty(long deadlineNanos) {
        List<RetryBuffer<?>> all;
        synchronized (buffers) {
            all = List.copyOf(buffers);
        }
        boolean empty = true;
        for (RetryBuffer<?> b : all) {
            empty &= b.awaitEmpty(deadlineNanos);
        }
        return empty;
    }

    /** A rough estimate of attributes' encoded size. */
    static long sizeOf(Attributes attributes) {
        long[] size = {0};
        attributes.forEach((k, v) -> size[0] += 8 + k.getKey().length() + String.valueOf(v).length());
        return size[0];
    }
}
