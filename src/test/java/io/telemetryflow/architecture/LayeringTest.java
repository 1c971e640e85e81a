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
    void infrastructureNeverReachesIntoCdiOrJakarta() throws IOException {
        assertThat(violations("sdk/infrastructure", "java.", "io.telemetryflow.sdk.domain.",
            "io.telemetryflow.sdk.application.", "io.telemetryflow.sdk.infrastructure.", "io.opentelemetry.",
            "com.fasterxml.jackson.")).isEmpty();
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
