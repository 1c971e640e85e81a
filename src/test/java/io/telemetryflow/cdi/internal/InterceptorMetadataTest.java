package io.telemetryflow.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.cdi.beans.TracedService;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.internal.ClientInternals;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An interceptor instance remembers the metadata of the first method it intercepted: that method's calls skip
 * the runtime's map, every other method and every other runtime still get their own metadata.
 */
class InterceptorMetadataTest {

    @Test
    void theFirstMethodSkipsTheMapAndOtherMethodsKeepTheirOwnSpans() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.grpcClient(receiver);
            try {
                TracedInterceptor interceptor = new TracedInterceptor();
                interceptor.client = client;
                Method custom = TracedService.class.getMethod("custom");
                Method outer = TracedService.class.getMethod("outer");

                interceptor.trace(new Call(custom));
                var methods = ClientInternals.runtime(client).methodMetadata();
                assertThat(methods).containsKey(custom);
                methods.clear();
                interceptor.trace(new Call(custom));
                assertThat(methods).as("the first method's second call did not look in the map").isEmpty();

                interceptor.trace(new Call(outer));
                interceptor.trace(new Call(custom));
                interceptor.trace(new Call(outer));
                assertThat(methods).as("another method's calls use the map").containsOnlyKeys(outer);

                client.flush();
                assertThat(receiver.awaitSpans(5, SdkTestClients.WAIT)).extracting(s -> s.name())
                    .containsExactlyInAnyOrder("custom-operation", "custom-operation", "custom-operation",
                        "TracedService.outer", "TracedService.outer");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aNewRuntimeReplacesTheRememberedMetadataAndAStoppedOneIsLetGo() throws Exception {
        try (OtlpReceiver first = OtlpReceiver.start(); OtlpReceiver second = OtlpReceiver.start()) {
            TelemetryClient before = SdkTestClients.grpcClient(first);
            TelemetryClient after = SdkTestClients.grpcClient(second);
            try {
                TracedInterceptor interceptor = new TracedInterceptor();
                Method custom = TracedService.class.getMethod("custom");
                interceptor.client = before;
                interceptor.trace(new Call(custom));
                assertThat(interceptor.first.runtime).isSameAs(ClientInternals.runtime(before));

                interceptor.client = after;
                interceptor.trace(new Call(custom));
                assertThat(interceptor.first.runtime).isSameAs(ClientInternals.runtime(after));
                after.flush();
                assertThat(second.awaitSpans(1, SdkTestClients.WAIT)).extracting(s -> s.name())
                    .containsExactly("custom-operation");

                after.shutdown();
                assertThat(interceptor.trace(new Call(custom))).as("the call goes on without telemetry").isEqualTo("done");
                assertThat(interceptor.first).as("nothing holds the stopped runtime").isNull();
            } finally {
                before.shutdown();
                after.shutdown();
            }
        }
    }

    /** One call of a no-argument method of {@link TracedService}, as a container hands it to the interceptor. */
    private static final class Call implements InvocationContext {
        private final Method method;
        private final Map<String, Object> data = new HashMap<>();

        Call(Method method) {
            this.method = method;
        }

        @Override
        public Object getTarget() {
            return null;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[0];
        }

        @Override
        public void setParameters(Object[] params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            return data;
        }

        @Override
        public Object proceed() {
            return "done";
        }
    }
}
