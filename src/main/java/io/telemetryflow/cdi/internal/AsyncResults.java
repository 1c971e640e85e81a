package io.telemetryflow.cdi.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for methods returning {@code CompletionStage}. */
final class AsyncResults {

    private AsyncResults() {
    }

    /** The real failure inside the wrappers that {@code CompletableFuture} adds. */
    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
