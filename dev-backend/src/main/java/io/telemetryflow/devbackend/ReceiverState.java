package io.telemetryflow.devbackend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the receiver's two servers share: the accepted exports, the fault mode and the gate that
 * hanging handlers park on. One monitor guards everything, and every change notifies it, so that
 * waiting tests wake up as soon as something arrives instead of polling.
 */
final class ReceiverState {

  /** What a handler must do with one export call. */
  record Admission(FaultMode mode, CountDownLatch hangGate) {

    /**
     * Parks the calling handler until the gate opens. Bounded anyway, so that a receiver nobody
     * stopped cannot pin a thread forever.
     */
    void awaitRelease() {
      try {
        hangGate.await(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final Object lock = new Object();
  private volatile boolean acceptHttpGzip;
  private volatile java.util.function.Consumer<ReceivedExport> listener;
  private volatile java.util.function.Consumer<String> errorListener;
  private int maxExports = Integer.MAX_VALUE; // guarded by lock
  private volatile java.util.Set<String> allowedKeyIds; // null: any tfk_ id, as valid_api_key_ids unset
  private final List<ReceivedExport> exports = new ArrayList<>();
  private final List<String> protocolErrors = new ArrayList<>();
  private int rejected;
  private FaultMode mode = FaultMode.ACCEPT;
  private int faultsLeft = -1; // -1: the mode stays until changed
  private CountDownLatch hangGate = new CountDownLatch(1);
  private boolean stopped;
  private volatile long answerDelayNanos;

  /**
   * Decides how to answer one decoded export call. A fault counts the call as rejected right away
   * (for HANG too, so a test can wait until a call is known to be hanging).
   */
  Admission admit() {
    synchronized (lock) {
      FaultMode current = mode;
      if (current.kind() != FaultMode.Kind.ACCEPT) {
        rejected++;
        if (faultsLeft > 0 && --faultsLeft == 0) {
          mode = FaultMode.ACCEPT;
        }
        lock.notifyAll();
      }
      return new Admission(current, hangGate);
    }
  }

  void answerAfter(Duration delay) {
    answerDelayNanos = delay.toNanos();
  }

  /** Waits the configured answer delay (none by default) on the calling handler thread. */
  void awaitAnswerDelay() {
    long nanos = answerDelayNanos;
    if (nanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // stopping: answer now
      }
    }
  }

  /** Records an accepted export; call before answering so a successful client sees it recorded. */
  void record(ReceivedExport export) {
    synchronized (lock) {
      exports.add(export);
      while (exports.size() > maxExports) {
        exports.remove(0); // a long-running dev backend keeps the newest exports only
      }
      lock.notifyAll();
    }
    java.util.function.Consumer<ReceivedExport> l = listener;
    if (l != null) {
      try {
        l.accept(export);
      } catch (RuntimeException e) {
        protocolError("export listener failed: " + e);
      }
    }
  }

  void onExport(java.util.function.Consumer<ReceivedExport> listener) {
    this.listener = listener;
  }

  void retainAtMost(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
    synchronized (lock) {
      maxExports = max;
    }
  }

  /** Notes a request that was not a valid OTLP export (wrong path, content type, body...). */
  void protocolError(String description) {
    synchronized (lock) {
      protocolErrors.add(description);
      while (protocolErrors.size() > maxExports) {
        protocolErrors.remove(0);
      }
      lock.notifyAll();
    }
    java.util.function.Consumer<String> l = errorListener;
    if (l != null) {
      l.accept(description);
    }
  }

  void onProtocolError(java.util.function.Consumer<String> listener) {
    this.errorListener = listener;
  }

  /** Sets the fault mode, for {@code times} calls (then back to ACCEPT) or for good if negative. */
  void respondWith(FaultMode newMode, int times) {
    synchronized (lock) {
      mode = newMode;
      faultsLeft = newMode.kind() == FaultMode.Kind.ACCEPT ? -1 : times;
      releaseHanging();
    }
  }

  FaultMode mode() {
    synchronized (lock) {
      return mode;
    }
  }

  /** Forgets everything received; keeps the fault mode; releases hanging calls. */
  void acceptHttpGzip(boolean accept) {
    acceptHttpGzip = accept;
  }

  boolean acceptsHttpGzip() {
    return acceptHttpGzip;
  }

  void allowKeyIds(java.util.Set<String> ids) {
    allowedKeyIds = ids == null ? null : java.util.Set.copyOf(ids);
  }

  boolean keyIdAllowed(String keyId) {
    java.util.Set<String> ids = allowedKeyIds;
    return ids == null || ids.contains(keyId);
  }

  void clear() {
    synchronized (lock) {
      exports.clear();
      protocolErrors.clear();
      rejected = 0;
      releaseHanging();
      lock.notifyAll();
    }
  }

  /** Releases hanging calls for good: calls arriving from now on do not park either. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      releaseHanging();
    }
  }

  // The latch is replaced rather than reused so calls arriving after a release hang again.
  private void releaseHanging() {
    CountDownLatch released = hangGate;
    if (!stopped) {
      hangGate = new CountDownLatch(1);
    }
    released.countDown();
  }

  List<ReceivedExport> exports() {
    synchronized (lock) {
      return List.copyOf(exports);
    }
  }

  List<String> protocolErrors() {
    synchronized (lock) {
      return List.copyOf(protocolErrors);
    }
  }

  int rejectedCount() {
    synchronized (lock) {
      return rejected;
    }
  }

  /**
   * Waits until {@code probe} yields a value, re-checking whenever the state changes.
   *
   * @param what what was expected, for the failure message
   * @param received what did arrive (computed on failure only), for the failure message
   * @throws AssertionError when the timeout passes first
   */
  <T> T await(Supplier<Optional<T>> probe, Duration timeout, String what, Supplier<String> received) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        Optional<T> result = probe.get();
        if (result.isPresent()) {
          return result.get();
        }
        long leftNanos = deadline - System.nanoTime();
        if (leftNanos <= 0) {
          throw new AssertionError("Timed out after " + timeout + " waiting for " + what
              + "; received " + received.get() + "; " + summary());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, leftNanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for " + what, e);
        }
      }
    }
  }

  /** Everything that arrived, in short, for failure messages. */
  String summary() {
    synchronized (lock) {
      return "exports=" + exports + ", rejected=" + rejected + " (mode " + mode + ")"
          + ", protocol errors=" + protocolErrors;
    }
  }
}
