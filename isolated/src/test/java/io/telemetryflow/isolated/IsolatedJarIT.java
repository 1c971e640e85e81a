package io.telemetryflow.isolated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The isolated jar as a server's class loader sees it: only the SDK's packages (the third-party
 * libraries relocated under {@code io/telemetryflow/shaded/}), no class or service name of an
 * unrelocated library, a multi-release manifest for the relocated versioned classes, and a bean
 * index of the SDK's own classes.
 */
class IsolatedJarIT {

    private static final String OURS = "io/telemetryflow/";
    /** The packages the pom relocates, as they would appear in bytecode if a reference had been missed. */
    private static final List<String> RELOCATED = List.of("io/opentelemetry/", "okhttp3/", "okio/",
        "com/fasterxml/jackson/", "org/jetbrains/annotations/", "org/intellij/lang/annotations/");
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/(.*)");

    private static Path jar;

    @BeforeAll
    static void findJar() {
        String path = System.getProperty("isolated.jar");
        assertNotNull(path, "system property isolated.jar (set by the pom)");
        jar = Path.of(path);
        assertTrue(Files.isRegularFile(jar), "the shaded jar exists: " + jar);
    }

    @Test
    void holdsOnlyTheSdksPackagesAndMetaInf() throws IOException {
        List<String> outside = new ArrayList<>();
        int classes = 0;
        int versioned = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                Matcher m = VERSIONED.matcher(name);
                String path = m.matches() ? m.group(2) : name;
                if (m.matches()) {
                    versioned++;
                }
                if (path.endsWith(".class")) {
                    classes++;
                    if (!path.startsWith(OURS)) {
                        outside.add(name);
                    }
                } else if (!path.startsWith("META-INF/") && !path.startsWith(OURS)) {
                    outside.add(name);
                }
            }
        }
        assertEquals(List.of(), outside, "entries outside io/telemetryflow/ and META-INF/");
        assertTrue(classes > 1000, "the relocated libraries are inside (" + classes + " classes)");
        assertTrue(versioned > 0, "the versioned classes are kept (relocated): " + versioned);
    }

    @Test
    void manifestIsMultiRelease() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals("true", file.getManifest().getMainAttributes().getValue("Multi-Release"));
        }
    }

    /**
     * What the JVM links is checked, not every string: the class names and type descriptors of each
     * constant pool (and the service files). Messages and Kotlin metadata may still spell an original
     * package; nothing loads a class by them.
     */
    @Test
    void noClassOrServiceLinksAnUnrelocatedLibrary() throws IOException {
        List<String> leaks = new ArrayList<>();
        int scanned = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (name.endsWith(".class")) {
                    scanned++;
                    try (InputStream in = file.getInputStream(e)) {
                        for (String linked : ConstantPool.linkedNames(in.readAllBytes())) {
                            if (RELOCATED.stream().anyMatch(p -> linked.startsWith(p) || linked.contains("L" + p))) {
                                leaks.add(name + " -> " + linked);
                            }
                        }
                    }
                } else if (name.startsWith("META-INF/services/")) {
                    String service = name.substring("META-INF/services/".length());
                    String providers;
                    try (InputStream in = file.getInputStream(e)) {
                        providers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    if (!service.startsWith("io.telemetryflow.") && !service.startsWith("jakarta.")) {
                        leaks.add(name + " (a service of an unrelocated type)");
                    }
                    providers.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .filter(l -> !l.startsWith("io.telemetryflow.")).forEach(l -> leaks.add(name + " -> " + l));
                }
            }
        }
        assertTrue(scanned > 1000, "classes scanned: " + scanned);
        assertEquals(List.of(), leaks, "links to packages that should have been relocated");
    }

    @Test
    void beanIndexListsTheSdksClassesOnly() throws IOException {
        Index index;
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry("META-INF/jandex.idx");
            assertNotNull(entry, "META-INF/jandex.idx");
            try (InputStream in = file.getInputStream(entry)) {
                index = new IndexReader(in).read();
            }
        }
        assertNotNull(index.getClassByName(DotName.createSimple("io.telemetryflow.cdi.internal.TracedInterceptor")));
        assertTrue(index.getKnownClasses().stream().noneMatch(c -> c.name().toString().startsWith("io.telemetryflow.shaded.")),
            "no relocated third-party class in the bean index");
        // the index was built from the relocated bytecode: the client's OpenTelemetry accessor names the relocated type
        assertEquals("io.telemetryflow.shaded.io.opentelemetry.api.OpenTelemetry",
            index.getClassByName(DotName.createSimple("io.telemetryflow.sdk.TelemetryClient"))
                .firstMethod("openTelemetry").returnType().name().toString());
    }
}
