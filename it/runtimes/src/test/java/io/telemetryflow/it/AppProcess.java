package io.telemetryflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An application server or app started as a real process for a test: output (stdout + stderr)
 * goes to a file under {@code target/it-output}, every wait is bounded, and the process (with its
 * children) is killed by {@link #close()} and, as a last resort, by a JVM shutdown hook.
 */
final class AppProcess implements AutoCloseable {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(AppProcess::killTree), "it-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private AppProcess(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code command} in {@code workDir}. The child gets this JVM's environment without any
     * {@code TELEMETRYFLOW_*}, {@code OTEL_*} or {@code QUARKUS_*} variable, plus {@code env}.
     */
    static AppProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            Files.writeString(log, "");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("TELEMETRYFLOW_") || k.startsWith("OTEL_")
                || k.startsWith("QUARKUS_") || k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS"));
            pb.environment().putAll(env);
            long started = System.nanoTime();
            Process p = pb.start();
            LIVE.add(p.toHandle());
            System.out.printf("[it] started %s (pid %d): %s%n     output: %s%n", name, p.pid(), String.join(" ", command), log);
            return new AppProcess(name, p, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<cannot read " + log + ": " + e + ">";
        }
    }

    /** The last {@code lines} lines of output, for failure messages. */
    String tail(int lines) {
        List<String> all = Arrays.asList(output().split("\\R"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Polls {@code GET uri} until it answers 200, and returns the time since the process started.
     *
     * @throws AssertionError if the process exits or the timeout passes first
     */
    Duration awaitHttpOk(URI uri, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before " + uri
                    + " answered; output (" + log + "):\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(250);
        }
        throw new AssertionError(name + ": " + uri + " did not answer 200 within " + timeout + " (last: " + last
            + "); output (" + log + "):\n" + tail(60));
    }

    /**
     * The names of the threads of the process's JVM (the process itself or, behind a start script, its
     * one Java descendant), read with {@code jcmd Thread.print} of the JDK running the tests.
     */
    List<String> threadNames() {
        ProcessHandle jvm = process.toHandle().descendants()
            .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
            .findFirst().orElse(process.toHandle());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(jvm.pid()), "Thread.print")
                .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
                throw new AssertionError("jcmd " + jvm.pid() + " Thread.print failed:\n" + text);
            }
            List<String> names = new java.util.ArrayList<>();
            for (String line : text.split("\\R")) {
                if (line.startsWith("\"")) {
                    names.add(line.substring(1, line.indexOf('"', 1)));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until the output contains {@code text}; {@code false} on timeout or if the process exits first. */
    boolean awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            sleep(250);
        }
        return false;
    }

    /**
     * Waits for the process to exit on its own.
     *
     * @return the exit code
     * @throws AssertionError on timeout
     */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "; output (" + log + "):\n" + tail(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        LIVE.remove(process.toHandle());
        return process.exitValue();
    }

    /**
     * Stops the process gracefully (SIGTERM, like {@code kill} or a container stop) and waits.
     *
     * @return the exit code
     * @throws AssertionError if it has not exited within the timeout (it is then killed)
     */
    int stopGracefully(Duration timeout) {
        System.out.printf("[it] stopping %s (pid %d) with SIGTERM%n", name, process.pid());
        process.destroy();
        try {
            return awaitExit(timeout);
        } catch (AssertionError e) {
            close();
            throw e;
        }
    }

    /** Kills the process and its children if still running; idempotent. */
    @Override
    public void close() {
        if (process.isAlive() || process.toHandle().descendants().anyMatch(ProcessHandle::isAlive)) {
            System.out.printf("[it] killing %s (pid %d)%n", name, process.pid());
            killTree(process.toHandle());
            try {
                process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process.toHandle());
    }

    private static void killTree(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
