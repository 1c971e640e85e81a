package io.telemetryflow.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.cdi.Counted;
import io.telemetryflow.cdi.beans.MeteredService;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.MetricCommandHandlers.PreparedCounter;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code @Counted} turns a call into a {@link RecordCounterCommand}: one per method and outcome, built
 * once and prepared by the counter handler, and the counts it records arrive at the receiver.
 */
class CountedCommandsTest {

    private static final String FUNCTION = MeteredService.class.getName() + ".place";

    @Test
    void aCountedMethodHandsTheHandlerItsFixedCommandPerOutcome() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.grpcClient(receiver);
            try {
                Method place = MeteredService.class.getMethod("place", boolean.class);
                CountedInterceptor.CountedMethod counted = new CountedInterceptor.CountedMethod(
                    ClientInternals.runtime(client), place, place.getAnnotation(Counted.class));

                assertThat(counted.success.command())
                    .isEqualTo(RecordCounterCommand.of("orders.placed", 1, Map.of("code.function.name", FUNCTION)));
                PreparedCounter failure = counted.failure(new IOException("down"));
                assertThat(failure.command()).isEqualTo(RecordCounterCommand.of("orders.placed", 1,
                    Map.of("code.function.name", FUNCTION, "error.type", "java.io.IOException")));
                assertThat(counted.failure(new IOException("again"))).as("built once per error type").isSameAs(failure);
                assertThat(counted.failure(new IllegalStateException())).isNotSameAs(failure);

                counted.succeeded(null, 0);
                counted.succeeded(null, 0);
                counted.failed(null, 0, new IOException("down"));
                client.flush();
                receiver.awaitMetric("orders.placed", m -> m.sumValue(Map.of("code.function.name", FUNCTION)) == 2
                    && m.sumValue(Map.of("code.function.name", FUNCTION, "error.type", "java.io.IOException")) == 1,
                    SdkTestClients.WAIT);
            } finally {
                client.shutdown();
            }
        }
    }
}
