package io.telemetryflow.cdi.beans;

import io.telemetryflow.cdi.SpanAttribute;
import io.telemetryflow.cdi.Traced;
import io.telemetryflow.sdk.domain.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

@ApplicationScoped
public class TracedService {

    @Inject
    InnerService inner;

    @Traced
    public String greet(@SpanAttribute("user.name") String user, @SpanAttribute String region, int ignored) {
        return "hello " + user;
    }

    @Traced(value = "custom-operation", kind = SpanKind.SERVER)
    public void custom() {
    }

    @Traced
    public void fail(RuntimeException toThrow) {
        throw toThrow;
    }

    @Traced
    public CompletableFuture<String> async(CompletableFuture<String> result) {
        return result;
    }

    @Traced
    public void outer() {
        inner.inner();
    }
}
