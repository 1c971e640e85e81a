package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.internal.disk.BatchFiles;
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
        private final Duration answerTimeout;
        private final Duration firstBackoff;
        /** {@code <buffer.directory>/<service name>}, or {@code null}: memory only. */
        private final java.nio.file.Path directory;

        Limits(TelemetryConfig config) {
            this.maxItems = config.retryEnabled() ? config.bufferMaxItems() : 0;
            this.firstBackoff = config.retryBackoff();
            this.maxBytes = config.bufferMaxBytes();
            this.batchSize = config.batchMaxSize();
            // one re-send is one attempt: the buffer is the retry policy of spans and logs
            this.sendTimeout = config.timeout();
            this.answerTimeout = exportTimeout(config);
            // one directory per service: two applications sharing a buffer directory never send each other's data
            this.directory = config.bufferDirectory() == null || maxItems == 0 ? null
                : config.bufferDirectory().resolve(config.serviceName().replaceAll("[^A-Za-z0-9._-]", "_"));
        }

        <T> RetryBuffer<T> create(SignalType signal, Function<Collection<T>, CompletableResultCode> send,
                                  ToLongFunction<T> sizeOf, ExportHealth health, BatchFiles.Codec<T> codec) {
            RetryBuffer<T> buffer = new RetryBuffer<>(signal, send, sizeOf, health, maxItems, maxBytes, batchSize,
                sendTimeout, answerTimeout, firstBackoff, files(signal, codec));
            synchronized (buffers) {
                buffers.add(buffer);
            }
            return buffer;
        }

        /**
         * The signal's disk buffer, or {@code null} (none configured; or its directory is locked by another process
         * or client of the service, or unusable: said once, the buffer then works in memory).
         */
        private <T> BatchFiles<T> files(SignalType signal, BatchFiles.Codec<T> codec) {
            if (directory == null) {
                return null;
            }
            java.nio.file.Path dir = directory.resolve(signal.name().toLowerCase(java.util.Locale.ROOT));
            try {
                return BatchFiles.open(dir, codec);
            } catch (java.io.IOException | RuntimeException e) {
                java.util.logging.Logger.getLogger(RetryBuffers.class.getName()).warning("TelemetryFlow: "
                    + io.telemetryflow.sdk.domain.ConfigKey.BUFFER_DIRECTORY.key() + ": cannot use " + dir + " (" + e
                    + "); the retry buffer of " + ExportHealth.items(signal) + " keeps them in memory only");
                return null;
            }
        }
    }

    /** How long the batch processors wait for one export: every attempt the exporter's retry policy may make. */
    static Duration exportTimeout(TelemetryConfig config) {
        return config.timeout().multipliedBy(config.maxRetries() + 1L);
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
