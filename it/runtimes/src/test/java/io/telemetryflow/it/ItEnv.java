package io.telemetryflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** Settings passed by the build (failsafe system properties) and small helpers. */
final class ItEnv {

    static final String LOOPBACK = "127.0.0.1";

    private ItEnv() {
    }

    /** A file or directory named by a system property, which must exist. */
    static Path existing(String property, String hint) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests with "
                + "`mvn -f it/pom.xml verify`");
        }
        Path path = Paths.get(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist (" + hint + "); run `mvn -B install` at the "
                + "root, then `mvn -B -f it/pom.xml verify`, which builds the examples first");
        }
        return path;
    }

    /** Where process output and server work directories go: {@code target/it-output/<name>}. */
    static Path output(String name) {
        Path dir = Paths.get(System.getProperty("it.output.dir", "target/it-output")).toAbsolutePath().normalize();
        return dir.resolve(name);
    }

    /** Deletes {@code dir} and everything below it, if it exists (a server work directory from an earlier run). */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** The {@code java} launcher of the JVM running the tests. */
    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A TCP port of 127.0.0.1 that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }
}
