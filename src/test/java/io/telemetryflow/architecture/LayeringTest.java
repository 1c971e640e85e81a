package io.telemetryflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layer rule of DESIGN §2, checked on the source tree: {@code domain} depends on nothing,
 * {@code application} on {@code domain}, {@code infrastructure} on both and OpenTelemetry,
 * and only {@code cdi} imports {@code jakarta.*} or {@code org.eclipse.microprofile.*}.
 */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/io/telemetryflow");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern FQN_USE = Pattern.compile("\\b(jakarta|org\\.eclipse\\.microprofile|io\\.opentelemetry|io\\.telemetryflow\\.cdi|com\\.fasterxml)\\.[\\w.]+");

    @Test
    void domainDependsOnNothingButTheJdk() throws IOException {
        assertThat(violations("sdk/domain", "java.", "io.telemetryflow.sdk.domain.")).isEmpty();
    }

    @Test
    void applicationDependsOnlyOnDomain() throws IOException {
        assertThat(violations("sdk/application", "java.", "io.telemetryflow.sdk.domain.",
            "io.telemetryflow.sdk.application.")).isEmpty();
    }

    @Test
    void internalNeverReachesIntoCdiOrJakarta() throws IOException {
        // The one exception: ClientInternals, the bridge the interface layer installs, names TelemetryClient.
        assertThat(violations("sdk/internal", "java.", "io.telemetryflow.sdk.domain.",
            "io.telemetryflow.sdk.application.", "io.telemetryflow.sdk.internal.", "io.opentelemetry.",
            "com.fasterxml.jackson.", "javax.net.", "okhttp3.", "okio."))
            .containsExactly("sdk/internal/ClientInternals.java depends on io.telemetryflow.sdk.TelemetryClient");
    }

    @Test
    void okHttpIsUsedOnlyByTheGrpcSender() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            if (!file.startsWith(MAIN.resolve("sdk/internal/grpc"))
                && Files.readString(file).matches("(?s).*\\b(okhttp3|okio)\\..*")) {
                offenders.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void onlyCdiImportsJakartaOrMicroProfile() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles(MAIN.resolve("sdk"))) {
            String source = Files.readString(file);
            Matcher m = FQN_USE.matcher(source);
            while (m.find()) {
                String name = m.group();
                if (name.startsWith("jakarta.") || name.startsWith("org.eclipse.microprofile.")
                    || name.startsWith("io.telemetryflow.cdi.")) {
                    offenders.add(MAIN.relativize(file) + " uses " + name);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** The packages users compile against; everything else is in {@code internal} packages. */
    private static final List<String> API_PACKAGES = List.of("sdk", "sdk/domain", "sdk/application", "cdi",
        "cdi/jaxrs");

    @Test
    void noPublicSignatureOfTheApiMentionsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String name = "io.telemetryflow." + pkg.replace('/', '.') + "."
                        + file.getFileName().toString().replace(".java", "");
                    leaks.addAll(internalTypesIn(Class.forName(name)));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theApiPackagesHoldNoImplementationFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN.resolve("sdk"))) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
                .containsExactlyInAnyOrder("domain", "application", "internal");
        }
    }

    private static List<String> internalTypesIn(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
            return leaks;
        }
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (!java.lang.reflect.Modifier.isPublic(mod) && !java.lang.reflect.Modifier.isProtected(mod) || m.isSynthetic()) {
                continue;
            }
            List<Class<?>> used = new ArrayList<>(List.of(m.getParameterTypes()));
            used.add(m.getReturnType());
            for (Class<?> u : used) {
                if (isInternal(u)) {
                    leaks.add(type.getName() + "." + m.getName() + " uses " + u.getName());
                }
            }
        }
        for (java.lang.reflect.Constructor<?> c : type.getDeclaredConstructors()) {
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                for (Class<?> u : c.getParameterTypes()) {
                    if (isInternal(u)) {
                        leaks.add(type.getName() + "(constructor) uses " + u.getName());
                    }
                }
            }
        }
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isPublic(f.getModifiers()) && isInternal(f.getType())) {
                leaks.add(type.getName() + "." + f.getName() + " is a " + f.getType().getName());
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            leaks.addAll(internalTypesIn(nested));
        }
        return leaks;
    }

    private static boolean isInternal(Class<?> c) {
        Class<?> t = c.isArray() ? c.getComponentType() : c;
        return t.getName().startsWith("io.telemetryflow.") && t.getName().contains(".internal.");
    }

    private static List<String> violations(String layer, String... allowedPrefixes) throws IOException {
        List<String> result = new ArrayList<>();
        for (Path file : javaFiles(MAIN.resolve(layer))) {
            String source = Files.readString(file);
            List<String> used = new ArrayList<>();
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                used.add(imports.group(2));
            }
            Matcher fqn = FQN_USE.matcher(source.replaceAll("(?m)^import .*$", ""));
            while (fqn.find()) {
                used.add(fqn.group());
            }
            for (String name : used) {
                if (Stream.of(allowedPrefixes).noneMatch(name::startsWith)) {
                    result.add(MAIN.relativize(file) + " depends on " + name);
                }
            }
        }
        return result;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
