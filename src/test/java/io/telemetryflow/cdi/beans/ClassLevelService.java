package io.telemetryflow.cdi.beans;

import io.telemetryflow.cdi.Counted;
import io.telemetryflow.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;

@Traced
@Counted("class.level.calls")
@ApplicationScoped
public class ClassLevelService {

    public int first() {
        return 1;
    }

    @Traced("overridden-name")
    @Counted("method.level.calls")
    public int second() {
        return 2;
    }
}
