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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The same WAR as {@link PayaraIT} (examples/payara) on WildFly 39 ({@code standalone-microprofile.xml}):
 * the SDK's portable CDI extension under WildFly's Weld, with WildFly's own OpenTelemetry kept away by
 * {@code WEB-INF/jboss-deployment-structure.xml}, exporting OTLP/gRPC. Service name and the
 * {@code example.runtime} attribute are set by environment variables at start.
 */
class WildFlyIT extends ShopAppITBase {

    private static final String CONTEXT_ROOT = "shop";

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
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
            "-c", "standalone-microprofile.xml",
            "-b", ItEnv.LOOPBACK, "-bmanagement", ItEnv.LOOPBACK,
            "-Djboss.server.base.dir=" + base,
            "-Djboss.http.port=" + port,
            "-Djboss.https.port=" + ItEnv.freePort(),
            "-Djboss.management.http.port=" + ItEnv.freePort(),
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
