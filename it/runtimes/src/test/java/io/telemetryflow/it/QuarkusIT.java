package io.telemetryflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.Transport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * examples/quarkus as packaged ({@code target/quarkus-app/quarkus-run.jar}) on Quarkus 3.33.2:
 * the SDK's build-compatible CDI extension under ArC, configured at run time, exporting OTLP/gRPC.
 */
class QuarkusIT extends ShopAppITBase {

    @Override
    URI readinessUri() {
        return app.base().resolve("/q/health/ready");
    }

    @Override
    String runtime() {
        return "quarkus";
    }

    @Override
    String serviceName() {
        return "shop-quarkus";
    }

    @Override
    String runtimeAttribute() {
        return "quarkus";
    }

    @Override
    Duration startupTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    Map<String, String> endpointEnv(OtlpReceiver receiver) {
        return Map.of("TELEMETRYFLOW_ENDPOINT", ItEnv.LOOPBACK + ":" + receiver.grpcPort(),
            "TELEMETRYFLOW_PROTOCOL", "grpc");
    }

    @Override
    void assertTransport(ReceivedExport export) {
        assertThat(export.transport()).as("%s", export).isEqualTo(Transport.GRPC);
    }

    @Override
    boolean responseFiltersSeeUnmappedExceptions() {
        return false;
    }

    @Override
    Started start(String label, Map<String, String> env, Map<String, String> systemProperties) {
        Path app = ItEnv.existing("it.quarkus.app", "examples/quarkus not packaged");
        int port = ItEnv.freePort();
        List<String> command = new ArrayList<>(List.of(ItEnv.java(), "-Xmx256m"));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.host=" + ItEnv.LOOPBACK);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toString());
        Path out = ItEnv.output("quarkus");
        ItEnv.deleteRecursively(out.resolve(label + "-work"));
        AppProcess p = AppProcess.start("quarkus " + label, command, env, out.resolve(label + "-work"),
            out.resolve(label + ".log"));
        return new Started(p, URI.create("http://" + ItEnv.LOOPBACK + ":" + port));
    }

    @Override
    String assertStartFailed(Started started) {
        int exit = started.process().awaitExit(startupTimeout());
        String output = started.process().output();
        assertThat(exit).as("exit code of a Quarkus app with an invalid configuration; output:\n%s", output).isNotZero();
        return output;
    }
}
