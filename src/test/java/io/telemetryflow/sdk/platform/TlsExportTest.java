package io.telemetryflow.sdk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceiverTls;
import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exporter TLS for an enterprise collector, against a TLS receiver: a private CA
 * ({@code telemetryflow.tls.ca-file}) and mutual TLS ({@code .client-cert-file} + {@code .client-key-file}),
 * over gRPC and HTTP. Certificates are made fresh by the JDK's keytool.
 */
class TlsExportTest {

    @TempDir
    static Path dir;

    private static Path serverCert;
    private static Path serverKey;
    private static Path clientCert;
    private static Path clientKey;

    @BeforeAll
    static void certificates() throws Exception {
        serverCert = dir.resolve("server-cert.pem");
        serverKey = dir.resolve("server-key.pem");
        clientCert = dir.resolve("client-cert.pem");
        clientKey = dir.resolve("client-key.pem");
        selfSigned("server", "CN=127.0.0.1", "san=ip:127.0.0.1", serverCert, serverKey);
        selfSigned("client", "CN=telemetryflow-client", null, clientCert, clientKey);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aPrivateCaIsTrustedOnlyWhenConfigured(Protocol protocol) {
        try (OtlpReceiver receiver = OtlpReceiver.startTls(new ReceiverTls(serverCert, serverKey, null))) {
            TelemetryClient trusted = client(receiver, protocol, true, false);
            try {
                trusted.span("over-tls").close();
                assertThat(trusted.flush(Duration.ofSeconds(20))).isTrue();
                assertThat(receiver.awaitSpan("over-tls", SdkTestClients.WAIT).export().transport().name())
                    .isEqualTo(protocol.name());
                assertThat(trusted.config().tls()).isTrue();
            } finally {
                trusted.shutdown();
            }
            TelemetryClient untrusted = client(receiver, protocol, false, false);
            try {
                untrusted.span("not-trusted").close();
                untrusted.flush(Duration.ofSeconds(10));
                var health = untrusted.health();
                assertThat(health.signals().get(SignalType.TRACES).failed()).as("final, not buffered").isEqualTo(1);
                assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).contains("telemetryflow.tls.ca-file"));
                assertThat(receiver.spans()).extracting(s -> s.name()).doesNotContain("not-trusted");
            } finally {
                untrusted.shutdown();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void mutualTlsSendsTheClientCertificate(Protocol protocol) {
        try (OtlpReceiver receiver = OtlpReceiver.startTls(new ReceiverTls(serverCert, serverKey, clientCert))) {
            TelemetryClient client = client(receiver, protocol, true, true);
            try {
                client.span("mutual").close();
                assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
                receiver.awaitSpan("mutual", SdkTestClients.WAIT);
            } finally {
                client.shutdown();
            }
            TelemetryClient anonymous = client(receiver, protocol, true, false);
            try {
                anonymous.span("anonymous").close();
                anonymous.flush(Duration.ofSeconds(10));
                assertThat(receiver.spans()).extracting(s -> s.name()).doesNotContain("anonymous");
                assertThat(anonymous.health().signals().get(SignalType.TRACES).exported()).isZero();
                assertThat(anonymous.health().signals().get(SignalType.TRACES).failed()).as("refused, counted").isEqualTo(1);
            } finally {
                anonymous.shutdown(Duration.ofSeconds(5));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anUnreadableTlsFileFailsTheStartNamingItsKeyAndLeavesNothingBehind() throws Exception {
        Path vanished = Files.copy(serverCert, dir.resolve("vanished-ca.pem"));
        int filterUsers = io.telemetryflow.sdk.internal.OpenTelemetryLogFilter.users();
        try (OtlpReceiver receiver = OtlpReceiver.startTls(new ReceiverTls(serverCert, serverKey, null))) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).insecure(false)
                .endpoint(receiver.grpcEndpoint()).configure(c -> c.tlsCa(vanished)).build(); // validated: readable
            Files.delete(vanished);
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(client::initialize);
            assertThat(failure).hasMessageContaining("telemetryflow.tls.ca-file").hasMessageContaining("vanished-ca.pem")
                .hasMessageNotContaining(SdkTestClients.KEY_SECRET);
            assertThat(io.telemetryflow.sdk.internal.OpenTelemetryLogFilter.users()).as("the log filter is released")
                .isEqualTo(filterUsers);
        }
    }

    private static TelemetryClient client(OtlpReceiver receiver, Protocol protocol, boolean ca, boolean mutual) {
        return SdkTestClients.builder(receiver, protocol).insecure(false).retry(false, 0, Duration.ofSeconds(1))
            .timeout(Duration.ofSeconds(5))
            .endpoint(protocol == Protocol.GRPC ? receiver.grpcEndpoint() : receiver.httpEndpoint())
            .configure(c -> {
                if (ca) {
                    c.tlsCa(serverCert);
                }
                if (mutual) {
                    c.tlsClient(clientCert, clientKey);
                }
            })
            .build().initialize();
    }

    /** A self-signed EC certificate and its PKCS#8 key, as PEM files, made with the JDK's keytool. */
    private static void selfSigned(String alias, String dname, String san, Path certPem, Path keyPem) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", alias,
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", "2",
            "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        if (san != null) {
            command.addAll(List.of("-ext", san));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: %s", new String(p.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        Certificate cert = ks.getCertificate(alias);
        Key key = ks.getKey(alias, "changeit".toCharArray());
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }
}
