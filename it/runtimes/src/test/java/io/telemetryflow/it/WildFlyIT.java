package io.telemetryflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.devbackend.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The same WAR as {@link PayaraIT} (examples/payara) on WildFly 39 ({@code standalone-microprofile.xml}):
 * the SDK's portable CDI extension under WildFly's Weld, from the isolated artifact and without a
 * {@code jboss-deployment-structure.xml}: WildFly's own OpenTelemetry and MicroProfile Telemetry
 * subsystems stay active for the deployment beside the SDK, exporting OTLP/gRPC. Service name and the
 * {@code example.runtime} attribute are set by environment variables at start.
 */
class WildFlyIT extends ShopAppITBase {

    private static final String CONTEXT_ROOT = "shop";

    /** The management port of the main server: WildFly serves MicroProfile Health there, not on the HTTP port. */
    private volatile int appManagementPort;

    @Override
    URI readinessUri() {
        return URI.create("http://" + ItEnv.LOOPBACK + ":" + appManagementPort + "/health/ready");
    }

    @Override
    String runtime() {
        return "wildfly";
    }

    @Override
    String serviceName() {
        return "shop-wildfly";
    }

    @Override
    String runtimeAttribute() {
        return "wildfly";
    }

    @Override
    Duration startupTimeout() {
        return Duration.ofSeconds(180);
    }

    @Override
    Map<String, String> runtimeEnv() {
        return Map.of("TELEMETRYFLOW_SERVICE_NAME", serviceName(),
            "TELEMETRYFLOW_ATTRIBUTES_EXAMPLE_RUNTIME", runtimeAttribute());
    }

    @Override
    Map<String, String> endpointEnv(OtlpReceiver receiver) {
        return Map.of("TELEMETRYFLOW_ENDPOINT", receiver.grpcEndpoint(), "TELEMETRYFLOW_PROTOCOL", "grpc");
    }

    @Override
    void assertTransport(ReceivedExport export) {
        assertThat(export.transport()).as("%s", export).isEqualTo(Transport.GRPC);
    }

    @Override
    boolean responseFiltersSeeUnmappedExceptions() {
        return true;
    }

    @Override
    Started start(String label, Map<String, String> env, Map<String, String> systemProperties) {
        Path home = ItEnv.existing("it.wildfly.home", "WildFly not unpacked by maven-dependency-plugin");
        Path war = ItEnv.existing("it.payara.war", "examples/payara not packaged");
        Path out = ItEnv.output("wildfly");
        Path work = out.resolve(label + "-work");
        Path base = work.resolve("standalone");
        try {
            // a fresh server base directory: configuration from the distribution, the WAR in deployments/
            ItEnv.deleteRecursively(work);
            copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
            Files.createDirectories(base.resolve("deployments"));
            Files.copy(war, base.resolve("deployments/" + CONTEXT_ROOT + ".war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = ItEnv.freePort();
        int managementPort = ItEnv.freePort();
        if (label.equals("app")) {
            appManagementPort = managementPort;
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
            "-c", "standalone-microprofile.xml",
            "-b", ItEnv.LOOPBACK, "-bmanagement", ItEnv.LOOPBACK,
            "-Djboss.server.base.dir=" + base,
            "-Djboss.http.port=" + port,
            "-Djboss.https.port=" + ItEnv.freePort(),
            "-Djboss.management.http.port=" + managementPort,
            "-Djboss.management.https.port=" + ItEnv.freePort(),
            "-Djboss.ajp.port=" + ItEnv.freePort()));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        Map<String, String> allEnv = new java.util.LinkedHashMap<>(env);
        allEnv.put("JAVA_HOME", System.getProperty("java.home"));
        // run the JVM in the background of the script, which forwards SIGTERM to it (graceful stop)
        allEnv.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        allEnv.put("NOPAUSE", "true");
        AppProcess p = AppProcess.start("wildfly " + label, command, allEnv, work, out.resolve(label + ".log"));
        return new Started(p, URI.create("http://" + ItEnv.LOOPBACK + ":" + port + "/" + CONTEXT_ROOT));
    }

    @Override
    String assertStartFailed(Started started) {
        // WildFly keeps running when a deployment fails: wait until it has started, then check that
        // the deployment failed and the application is not served.
        AppProcess p = started.process();
        assertThat(p.awaitOutput("WFLYSRV0026", startupTimeout()))
            .as("WildFly started with errors (WFLYSRV0026); output:\n%s", p.tail(60)).isTrue();
        String output = p.output();
        assertThat(output).contains("WFLYCTL0013").contains("DeploymentException");
        assertThat(status(started.base().resolve("/" + CONTEXT_ROOT + "/api/telemetry"))).isEqualTo(404);
        return output;
    }

    /**
     * GC durations need {@code com.sun.management} (module {@code jdk.management}), which WildFly shows a
     * deployment only when asked: the isolated jar's manifest asks ({@code Dependencies: jdk.management}), so
     * no {@code jboss-deployment-structure.xml} is needed for them either. (A server start always collects.)
     */
    @Test
    @Order(6)
    void gcDurationsArriveWithoutADeploymentDescriptor() {
        assertThat(receiver.awaitMetric("jvm.gc.duration", WAIT).resourceAttributes())
            .containsEntry("service.name", serviceName());
    }

    /** The service name WildFly's own MicroProfile Telemetry exports under in {@link #besideWildFlysOwnMicroProfileTelemetry}. */
    private static final String WILDFLY_SERVICE = "wildfly-mp-telemetry";

    /**
     * Coexistence: WildFly's own MicroProfile Telemetry switched on for the deployment (it is off unless the
     * application's config says {@code otel.sdk.disabled=false}) beside the isolated SDK, both exporting to one
     * receiver. Each span arrives once, from the SDK that made it; both SERVER spans of a request continue the
     * caller's trace; the SDK's JAX-RS client call still continues the SDK's trace in the called endpoint.
     */
    @Test
    @Order(21)
    void besideWildFlysOwnMicroProfileTelemetry() throws Exception {
        try (OtlpReceiver shared = OtlpReceiver.start()) {
            Map<String, String> env = clientEnv(shared, keyId, keySecret);
            // WildFly's MicroProfile Telemetry reads the application's MicroProfile Config, environment included
            env.put("OTEL_SDK_DISABLED", "false");
            env.put("OTEL_SERVICE_NAME", WILDFLY_SERVICE);
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", shared.grpcEndpoint());
            env.put("OTEL_EXPORTER_OTLP_HEADERS", "X-TelemetryFlow-Key-ID=" + keyId + ",X-TelemetryFlow-Key-Secret=" + keySecret);
            env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
            env.put("OTEL_METRICS_EXPORTER", "none");
            env.put("OTEL_LOGS_EXPORTER", "none");
            Started both = start("with-mp-telemetry", env, Map.of());
            others.add(both.process());
            both.process().awaitHttpOk(URI.create(both.base() + "/api/telemetry"), startupTimeout());

            Caller caller = Caller.random("tf=it-coexist");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(both.base() + "/api/orders/7/receipt"))
                .timeout(WAIT).GET();
            caller.headers().forEach(request::header);
            HttpResponse<String> receipt = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(receipt.statusCode()).as("GET /api/orders/7/receipt: %s", receipt.body()).isEqualTo(200);
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(both.base() + "/api/telemetry/flush"))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("flushed");

            String trace = caller.traceId();
            ReceivedSpan ours = shared.awaitSpan(sp -> sp.traceId().equals(trace) && service(sp).equals(serviceName())
                && sp.name().equals("GET /orders/{id}/receipt"), WAIT);
            ReceivedSpan theirs = shared.awaitSpan(sp -> sp.traceId().equals(trace) && service(sp).equals(WILDFLY_SERVICE)
                && sp.kind() == Span.SpanKind.SPAN_KIND_SERVER && sp.parentSpanId().equals(caller.spanId()), WAIT);
            assertThat(ours.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(ours.parentSpanId()).as("the SDK's SERVER span continues the caller").isEqualTo(caller.spanId());
            assertThat(theirs.spanId()).isNotEqualTo(ours.spanId());

            ReceivedSpan client = shared.awaitSpan(sp -> sp.traceId().equals(trace) && service(sp).equals(serviceName())
                && sp.kind() == Span.SpanKind.SPAN_KIND_CLIENT, WAIT);
            ReceivedSpan inner = shared.awaitSpan(sp -> sp.traceId().equals(trace) && service(sp).equals(serviceName())
                && sp.name().equals("GET /orders/{id}"), WAIT);
            assertThat(client.parentSpanId()).isEqualTo(ours.spanId());
            assertThat(inner.parentSpanId()).as("the called endpoint continues the SDK's CLIENT span: its traceparent was sent")
                .isEqualTo(client.spanId());

            // every span arrived once, and the SDK exported none of WildFly's (nor WildFly any of ours)
            Map<String, Long> perId = shared.spans().stream()
                .collect(Collectors.groupingBy(ReceivedSpan::spanId, Collectors.counting()));
            assertThat(perId).allSatisfy((id, n) -> assertThat(n).as("exports of span %s", id).isEqualTo(1L));
            Map<String, String> scopeOwner = shared.spans().stream().collect(Collectors.toMap(
                sp -> sp.scopeName() + " @ " + service(sp), ReceivedSpan::scopeName, (a, b) -> a));
            System.out.printf("[it] wildfly beside its own MicroProfile Telemetry: %d spans, scopes %s%n",
                shared.spans().size(), scopeOwner.keySet());
            assertThat(shared.spans()).filteredOn(sp -> service(sp).equals(serviceName()))
                .allSatisfy(sp -> assertThat(sp.scopeName()).startsWith("io.telemetryflow"));
        }
    }

    /**
     * A redeploy (the deployment scanner replacing the WAR in place): the new deployment's SDK exports, the old
     * one is gone — it said it stopped, its threads ended, and its JUL handler does not export the new
     * deployment's records a second time; the secret never appears in the server's output.
     */
    @Test
    @Order(22)
    void redeployKeepsExportingAndLeavesNothingOfTheOldDeploymentBehind() throws Exception {
        try (OtlpReceiver fresh = OtlpReceiver.start()) {
            Map<String, String> env = clientEnv(fresh, keyId, keySecret);
            Started server = start("redeploy", env, Map.of());
            others.add(server.process());
            URI ready = URI.create(server.base() + "/api/telemetry");
            server.process().awaitHttpOk(ready, startupTimeout());
            assertThat(send(server, "POST", "/api/orders?item=before-redeploy")).isEqualTo(200);
            assertThat(send(server, "POST", "/api/telemetry/flush")).isEqualTo(200);
            fresh.awaitSpan(sp -> sp.name().equals("order.place") && "before-redeploy".equals(sp.attribute("order.item")), WAIT);
            List<String> threadsBefore = sdkThreads(server.process());
            assertThat(threadsBefore).as("the SDK's threads in the first deployment").isNotEmpty();

            Path war = ItEnv.output("wildfly").resolve("redeploy-work/standalone/deployments/" + CONTEXT_ROOT + ".war");
            Files.setLastModifiedTime(war, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
            assertThat(server.process().awaitOutput("WFLYSRV0016", Duration.ofSeconds(90)))
                .as("WildFly replaced the deployment (WFLYSRV0016); output:%n%s", server.process().tail(40)).isTrue();
            server.process().awaitHttpOk(ready, startupTimeout());

            assertThat(send(server, "POST", "/api/orders?item=after-redeploy")).isEqualTo(200);
            assertThat(send(server, "POST", "/api/orders/checkout?item=declined-after-redeploy")).isEqualTo(500);
            assertThat(send(server, "POST", "/api/telemetry/flush")).isEqualTo(200);
            fresh.awaitSpan(sp -> sp.name().equals("order.place") && "after-redeploy".equals(sp.attribute("order.item")), WAIT);
            fresh.awaitLog(l -> l.body().startsWith("payment declined for "), WAIT);
            assertThat(fresh.spans()).filteredOn(sp -> sp.name().equals("order.place")
                && "after-redeploy".equals(sp.attribute("order.item"))).hasSize(1);
            assertThat(fresh.logs()).as("the JUL record of the new deployment, exported once")
                .filteredOn(l -> l.body().startsWith("payment declined for ")).hasSize(1);

            String output = server.process().output();
            assertThat(count(output, " started: service " + serviceName())).as("startup lines").isEqualTo(2);
            assertThat(output.indexOf("TelemetryFlow SDK stopped:")).as("the first SDK stopped before the second started")
                .isPositive().isLessThan(output.lastIndexOf(" started: service " + serviceName()));
            assertThat(output).doesNotContain(keySecret);
            // the old deployment's threads end (bounded wait): the same number as before, not twice as many
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> threadsAfter = sdkThreads(server.process());
            while (threadsAfter.size() > threadsBefore.size() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                threadsAfter = sdkThreads(server.process());
            }
            System.out.printf("[it] wildfly redeploy: SDK threads before %s, after %s%n", threadsBefore, threadsAfter);
            assertThat(threadsAfter).as("SDK threads after the redeploy (before: %s)", threadsBefore)
                .hasSameSizeAs(threadsBefore);
        }
    }

    /** The threads the SDK (and its OpenTelemetry) start. */
    private static List<String> sdkThreads(AppProcess process) {
        return process.threadNames().stream().filter(n -> n.startsWith("telemetryflow-") || n.contains("BatchSpanProcessor")
            || n.contains("BatchLogRecordProcessor") || n.contains("PeriodicMetricReader")).sorted().toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static int send(Started server, String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + pathAndQuery)).timeout(WAIT)
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String service(ReceivedSpan span) {
        return String.valueOf(span.resourceAttributes().get("service.name"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
