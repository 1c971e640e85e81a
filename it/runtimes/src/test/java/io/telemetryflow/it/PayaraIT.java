package io.telemetryflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * examples/payara ({@code shop.war}) on Payara Micro 6: the SDK's portable CDI extension under
 * Weld, from the isolated artifact (its OpenTelemetry relocated, no class-loading descriptor beside
 * Payara's own OpenTelemetry), exporting OTLP/HTTP.
 */
class PayaraIT extends ShopAppITBase {

    private static final String CONTEXT_ROOT = "shop";
    /** Printed once Payara Micro has started and deployed (or failed to deploy) the WAR. */
    private static final String READY = " ready in ";

    @Override
    URI readinessUri() {
        return app.base().resolve("/health/ready");
    }

    @Override
    String runtime() {
        return "payara";
    }

    @Override
    String serviceName() {
        return "shop-payara";
    }

    @Override
    String runtimeAttribute() {
        return "payara-micro";
    }

    @Override
    Duration startupTimeout() {
        return Duration.ofSeconds(240);
    }

    @Override
    Map<String, String> endpointEnv(OtlpReceiver receiver) {
        return Map.of("TELEMETRYFLOW_ENDPOINT", receiver.httpEndpoint(), "TELEMETRYFLOW_PROTOCOL", "http");
    }

    @Override
    void assertTransport(ReceivedExport export) {
        assertThat(export.transport()).as("%s", export).isEqualTo(Transport.HTTP);
        assertThat(export.path()).as("%s", export).isEqualTo("/v2/" + export.signal().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    boolean responseFiltersSeeUnmappedExceptions() {
        return true;
    }

    @Override
    Started start(String label, Map<String, String> env, Map<String, String> systemProperties) {
        return start(label, ItEnv.existing("it.payara.war", "examples/payara not packaged"), env, systemProperties);
    }

    private Started start(String label, Path war, Map<String, String> env, Map<String, String> systemProperties) {
        Path micro = ItEnv.existing("it.payara.micro", "Payara Micro not copied by maven-dependency-plugin");
        Path out = ItEnv.output("payara");
        Path work = out.resolve(label + "-work");
        int port = ItEnv.freePort();
        // HTTP on loopback only (Hazelcast is off: --nohazelcast); the file the example's README uses
        Path preboot = ItEnv.existing("it.payara.preboot", "examples/payara/preboot.txt");
        // a fresh server: Payara Micro would redeploy what an earlier run left in its root directory
        ItEnv.deleteRecursively(work);
        List<String> command = new ArrayList<>(List.of(ItEnv.java(), "-Xmx512m"));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", micro.toString(),
            "--deploy", war.toString(), "--contextroot", CONTEXT_ROOT,
            "--port", String.valueOf(port), "--nohazelcast",
            "--prebootcommandfile", preboot.toString(),
            "--rootdir", work.resolve("payara-root").toString()));
        AppProcess p = AppProcess.start("payara " + label, command, env, work, out.resolve(label + ".log"));
        return new Started(p, URI.create("http://" + ItEnv.LOOPBACK + ":" + port + "/" + CONTEXT_ROOT));
    }

    @Override
    String assertStartFailed(Started started) {
        // Payara Micro keeps running when a deployment fails: wait until it is ready, then check
        // that the deployment failed and the application is not served.
        AppProcess p = started.process();
        assertThat(p.awaitOutput(READY, startupTimeout()))
            .as("Payara Micro ready; output:\n%s", p.tail(60)).isTrue();
        String output = p.output();
        assertThat(output).contains("Exception while loading the app");
        assertThat(output).contains("DeploymentException");
        assertThat(status(started.base().resolve("/" + CONTEXT_ROOT + "/api/telemetry"))).isEqualTo(404);
        return output;
    }

    /**
     * Why the example uses the isolated artifact: the plain one in a WAR without descriptors sees
     * Payara's own OpenTelemetry mixed with the SDK's, and the deployment fails with a message naming
     * the linkage error and both fixes (the isolated artifact, or {@code payara-web.xml}).
     */
    @Test
    @Order(20)
    void thePlainArtifactWithoutDescriptorsFailsTheDeploymentNamingTheFix() throws IOException {
        Path war = ItEnv.existing("it.payara.war", "examples/payara not packaged");
        Path plainLib = ItEnv.existing("it.plain.sdk.lib", "the plain SDK not copied by maven-dependency-plugin");
        Path plainWar = ItEnv.output(runtime()).resolve("shop-plain-sdk.war");
        Files.createDirectories(plainWar.getParent());
        int isolatedJars = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(plainWar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(e.getName()).as("the example carries no class-loading descriptor")
                    .isNotIn("WEB-INF/payara-web.xml", "WEB-INF/jboss-deployment-structure.xml");
                if (e.getName().startsWith("WEB-INF/lib/telemetryflow-java-sdk-isolated")) {
                    isolatedJars++;
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            try (java.util.stream.Stream<Path> jars = Files.list(plainLib)) {
                for (Path jar : jars.sorted().toList()) {
                    out.putNextEntry(new ZipEntry("WEB-INF/lib/" + jar.getFileName()));
                    Files.copy(jar, out);
                    out.closeEntry();
                }
            }
        }
        assertThat(isolatedJars).as("the example WAR bundles the isolated artifact").isEqualTo(1);
        Started started = start("plain-sdk", plainWar, clientEnv(receiver, keyId, keySecret), Map.of());
        others.add(started.process());
        String output = assertStartFailed(started);
        // Payara's OpenTelemetry is older than the SDK's: the version check (or, where a class still links, the
        // linkage error) stops the start with the fix
        assertThat(output).containsPattern("TelemetryFlow SDK failed to start: (the application's OpenTelemetry SDK [0-9.]+ is older|java\\.lang\\.)")
            .contains("io.telemetryflow:telemetryflow-java-sdk-isolated")
            .doesNotContain(keySecret);
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
