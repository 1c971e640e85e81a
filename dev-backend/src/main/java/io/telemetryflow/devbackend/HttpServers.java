package io.telemetryflow.devbackend;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the JDK HTTP servers of the dev backend (OTLP/HTTP receiver, Core query stand-in). */
final class HttpServers {

  // Read once, when the JDK's HTTP server classes initialise. Without it, the server writes the
  // response headers and a small body as two segments and the second waits for the client's delayed
  // ACK: about 40 ms per request, which would make every client look slow. The real collector
  // (Go's net/http) sets TCP_NODELAY on accepted connections by default.
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private HttpServers() {
  }

  /** An unstarted server bound to {@code address}, with TCP_NODELAY on its connections unless the JVM says otherwise. */
  static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    noDelay();
    return HttpServer.create(address, backlog);
  }

  /** An unstarted HTTPS server; {@code needClientAuth}: clients must present a trusted certificate. */
  static HttpServer createTls(InetSocketAddress address, int backlog, SSLContext context, boolean needClientAuth)
      throws IOException {
    noDelay();
    HttpsServer server = HttpsServer.create(address, backlog);
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        javax.net.ssl.SSLParameters ssl = context.getDefaultSSLParameters();
        ssl.setNeedClientAuth(needClientAuth);
        params.setSSLParameters(ssl);
      }
    });
    return server;
  }

  private static void noDelay() {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }
}
