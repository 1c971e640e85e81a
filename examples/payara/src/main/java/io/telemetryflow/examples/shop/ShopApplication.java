package io.telemetryflow.examples.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the shop's resources under {@code /api}. */
@ApplicationPath("/api")
public class ShopApplication extends Application {
}
