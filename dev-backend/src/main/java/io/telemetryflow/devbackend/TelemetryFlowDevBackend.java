package io.telemetryflow.devbackend;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar telemetryflow-dev-backend.jar}: the local stand-in of the TelemetryFlow platform
 * for development, without an account. OTLP/gRPC and OTLP/HTTP in with the TelemetryFlow collector's
 * rules, TelemetryFlow Core's query API out, all on 127.0.0.1; prints its endpoints, the properties
 * to point an application at it, and one line per export that arrives (or is refused, with why).
 *
 * <pre>
 * options: --grpc-port 4317  --http-port 4318  --api-port 8080
 *          --email dev@telemetryflow.local  --password …  --allow-key-id tfk_… (repeatable)
 *          --retain 10000 (exports kept for queries)
 * </pre>
 */
public final class TelemetryFlowDevBackend {

    private TelemetryFlowDevBackend() {
    }

    /** The parsed command line. */
    record Options(int grpcPort, int httpPort, int apiPort, String email, String password, Set<String> allowedKeyIds,
                   int retain) {

        static Options parse(String[] args) {
            Map<String, String> single = new java.util.HashMap<>();
            Set<String> keyIds = new LinkedHashSet<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (!name.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value, got '" + name + "'");
                }
                String value = args[++i];
                if (name.equals("--allow-key-id")) {
                    keyIds.add(value);
                } else if (Set.of("--grpc-port", "--http-port", "--api-port", "--email", "--password", "--retain")
                    .contains(name)) {
                    single.put(name, value);
                } else {
                    throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port(single, "--grpc-port", 4317), port(single, "--http-port", 4318),
                port(single, "--api-port", 8080), single.getOrDefault("--email", DevQueryBackend.DEV_EMAIL),
                single.get("--password"), keyIds, number(single, "--retain", 10_000, 1, 10_000_000));
        }

        private static int port(Map<String, String> values, String name, int fallback) {
            return number(values, name, fallback, 0, 65535);
        }

        private static int number(Map<String, String> values, String name, int fallback, int min, int max) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
            }
        }
    }

    /** Runs until the JVM is stopped (Ctrl-C). */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("telemetryflow-dev-backend: " + e.getMessage());
            }
            System.err.println("usage: java -jar telemetryflow-dev-backend.jar [--grpc-port 4317] [--http-port 4318]"
                + " [--api-port 8080] [--email E] [--password P] [--allow-key-id tfk_…]… [--retain 10000]");
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Running running = start(options, System.out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.close();
                stopped.countDown();
            }, "telemetryflow-dev-backend-stop"));
            stopped.await();
        }
    }

    /** A started backend: the receiver and the query API over it. */
    record Running(OtlpReceiver receiver, DevQueryBackend core) implements AutoCloseable {
        @Override
        public void close() {
            core.stop();
            receiver.stop();
        }
    }

    /** Starts both sides and prints where they listen and, from then on, what arrives to {@code out}. */
    static Running start(Options o, PrintStream out) {
        OtlpReceiver receiver = OtlpReceiver.start(o.grpcPort(), o.httpPort()).retainAtMost(o.retain());
        if (!o.allowedKeyIds().isEmpty()) {
            receiver.allowKeyIds(o.allowedKeyIds());
        }
        DevQueryBackend core;
        try {
            DevQueryBackend.Options coreOptions = o.password() == null ? DevQueryBackend.Options.defaults()
                : DevQueryBackend.Options.defaults().user(o.email(), o.password());
            core = DevQueryBackend.start(receiver, coreOptions, o.apiPort());
        } catch (RuntimeException e) {
            receiver.stop();
            throw e;
        }
        receiver.onExport(export -> out.println(arrival(export)));
        receiver.onProtocolError(error -> out.println(time() + " REFUSED " + error));
        // The password of the built-in dev user is printed; one given with --password is not.
        String password = o.password() == null ? DevQueryBackend.DEV_PASSWORD : "<the --password you gave>";
        out.println("TelemetryFlow dev backend: a local stand-in of the TelemetryFlow collector and TelemetryFlow Core");
        out.println("  OTLP/gRPC  127.0.0.1:" + receiver.grpcPort() + "   (no auth on gRPC, gzip fine)");
        out.println("  OTLP/HTTP  " + receiver.httpEndpoint() + "   (/v1/*, /v2/* need X-TelemetryFlow-Key-ID tfk_…;"
            + " bodies read raw: no gzip)");
        out.println("  Core API   " + core.url() + "   (POST /api/v2/auth/login as " + o.email() + " / " + password + ")");
        out.println("Point an application at it (microprofile-config.properties, application.properties or env):");
        out.println("  telemetryflow.endpoint=localhost:" + receiver.grpcPort()
            + "       # or telemetryflow.protocol=http + telemetryflow.endpoint=http://localhost:" + receiver.httpPort());
        out.println("  telemetryflow.insecure=true");
        out.println("  telemetryflow.api-key-id=tfk_dev_key          telemetryflow.api-key-secret=tfs_dev_secret");
        out.println("  telemetryflow.query.endpoint=" + core.url());
        out.println("  telemetryflow.query.email=" + o.email() + "   telemetryflow.query.password=" + password);
        out.println("Waiting for telemetry (Ctrl-C to stop)...");
        return new Running(receiver, core);
    }

    /** One line per export: time, transport, signal, count, services, a few names. */
    static String arrival(ReceivedExport export) {
        List<String> names = new ArrayList<>();
        Set<String> services = new LinkedHashSet<>();
        int count;
        switch (export.signal()) {
            case TRACES -> {
                List<ReceivedSpan> spans = ReceivedSpan.flatten(List.of(export));
                spans.forEach(s -> {
                    names.add(s.name());
                    services.add(String.valueOf(s.resourceAttributes().get("service.name")));
                });
                count = spans.size();
            }
            case LOGS -> {
                List<ReceivedLog> logs = ReceivedLog.flatten(List.of(export));
                logs.forEach(l -> {
                    names.add(l.body());
                    services.add(String.valueOf(l.resourceAttributes().get("service.name")));
                });
                count = logs.size();
            }
            default -> {
                List<ReceivedMetric> metrics = ReceivedMetric.flatten(List.of(export));
                metrics.forEach(m -> {
                    names.add(m.name());
                    services.add(String.valueOf(m.resourceAttributes().get("service.name")));
                });
                count = metrics.size();
            }
        }
        String shown = names.stream().distinct().limit(5).map(n -> n.length() > 40 ? n.substring(0, 40) + "…" : n)
            .collect(Collectors.joining(", "));
        return time() + " " + export.transport() + " " + export.signal().name().toLowerCase(java.util.Locale.ROOT)
            + ": " + count + (export.signal() == Signal.METRICS ? " metric(s)" : export.signal() == Signal.TRACES
            ? " span(s)" : " log record(s)") + " from " + String.join(", ", services) + " [" + shown
            + (names.stream().distinct().count() > 5 ? ", …" : "") + "]";
    }

    private static String time() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
