package io.telemetryflow.devbackend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools for the receiver's request handlers. */
final class DaemonThreads {

  private DaemonThreads() {}

  /**
   * A cached pool of daemon threads. Daemon, because a test that forgets to close a receiver (or
   * leaves a handler parked in HANG mode) must never keep the test JVM alive; cached, because a
   * hanging handler must not starve the others.
   */
  static ExecutorService cachedPool(String namePrefix) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, namePrefix + "-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newCachedThreadPool(factory);
  }
}
