package io.telemetryflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's first command (the plain-Java quick start) runs in the suite too: telemetry sent to the
 * local stand-in, decoded there, and read back through Core's query API, as the demo prints it.
 */
class DemoTest {

    @Test
    void theDemoSendsEverySignalAndReadsItBack() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertThat(out).contains("=== What the OTLP receiver decoded ===")
            .contains("x-telemetryflow-key-id=tfk_demo_key")
            .contains("orders.created").contains("queue.depth").contains("http.server.duration")
            .contains("POST /checkout").contains("charge-card")
            .contains("=== Read back through the TelemetryFlow query API ===")
            .contains("sum(orders.created) = 3.0")
            .contains("ERROR log:")
            .contains("health: healthy")
            .doesNotContain("tfs_demo_");
    }
}
