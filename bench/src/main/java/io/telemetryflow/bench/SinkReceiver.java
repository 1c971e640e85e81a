package io.telemetryflow.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP endpoint that reads each export and answers {@code 200} with an empty (valid) protobuf
 * response without decoding it: the micro benchmarks' pipeline ({@code -Dbench.pipeline=sink}), so that
 * both sides, ours and the raw SDK, pay the same export (marshalling and the JDK sender, uncompressed) and
 * the two cores are not taken by a receiver decoding what a span benchmark produces. Loopback only.
 */
final class SinkReceiver implements AutoCloseable {

    static {
        // the JDK server writes its answer in two segments; with Nagle on every export would wait ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-sink");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private SinkReceiver(HttpServer server) {
        this.server = server;
    }

    static SinkReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            SinkReceiver sink = new SinkReceiver(server);
            server.createContext("/", exchange -> {
                long n = 0;
                byte[] chunk = new byte[16 * 1024];
                try (InputStream in = exchange.getRequestBody()) {
                    for (int r; (r = in.read(chunk)) > 0; ) {
                        n += r;
                    }
                }
                sink.requests.incrementAndGet();
                sink.bytes.addAndGet(n);
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.setExecutor(sink.executor);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port}, the base of the {@code /v1|v2/<signal>} routes (all answered alike). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
