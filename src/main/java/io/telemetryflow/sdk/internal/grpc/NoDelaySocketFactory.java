package io.telemetryflow.sdk.internal.grpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with {@code TCP_NODELAY} set. OkHttp leaves Nagle's algorithm on; an export then
 * writes HTTP/2 HEADERS and DATA frames as separate small segments and the second waits for the
 * peer's delayed ACK (about 40 ms per request on Linux). TLS sockets are layered on these, so the
 * option holds for {@code https} too.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private static final SocketFactory PLAIN = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(PLAIN.createSocket()); // what OkHttp calls: it connects the socket itself
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(PLAIN.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(PLAIN.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(PLAIN.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(PLAIN.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
