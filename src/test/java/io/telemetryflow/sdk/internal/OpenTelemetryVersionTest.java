package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

class OpenTelemetryVersionTest {

    @Test
    void anOlderSdkThanTheBuildOneIsNamedWithBothFixes() {
        // quarkus-bom 3.33.2 manages OpenTelemetry 1.57.0
        assertThat(OpenTelemetryVersion.problem("1.57.0", "1.68.0"))
            .contains("the application's OpenTelemetry SDK 1.57.0 is older than 1.68.0")
            .contains("io.opentelemetry:opentelemetry-bom:1.68.0 before that BOM")
            .contains("io.telemetryflow:telemetryflow-java-sdk-isolated");
        assertThat(OpenTelemetryVersion.problem("1.9.0", "1.10.0")).as("numeric, not lexical").isNotNull();
    }

    @Test
    void theSameOrANewerSdkOrAnUnknownOneWillDo() {
        assertThat(OpenTelemetryVersion.problem("1.68.0", "1.68.0")).isNull();
        assertThat(OpenTelemetryVersion.problem("1.68.1", "1.68.0")).isNull();
        assertThat(OpenTelemetryVersion.problem("2.0.0", "1.68.0")).isNull();
        assertThat(OpenTelemetryVersion.problem("1.70.0-SNAPSHOT", "1.68.0")).isNull();
        assertThat(OpenTelemetryVersion.problem(null, "1.68.0")).isNull();
        assertThat(OpenTelemetryVersion.problem("1.57.0", "unknown")).isNull();
    }

    @Test
    void theBuildVersionIsKnownAndTheClassPathHasIt() {
        assertThat(SdkVersion.OPENTELEMETRY).matches("\\d+\\.\\d+\\.\\d+.*");
        String found = Resource.getDefault().getAttribute(AttributeKey.stringKey("telemetry.sdk.version"));
        assertThat(found).isEqualTo(SdkVersion.OPENTELEMETRY);
        assertThat(SdkVersion.ISOLATED).as("the plain build's OpenTelemetry is not relocated").isFalse();
        OpenTelemetryVersion.requireSupported();
    }
}
