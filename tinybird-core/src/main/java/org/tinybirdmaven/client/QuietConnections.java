package org.tinybirdmaven.client;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

/**
 * Connections that never log what they send. HttpClient's own connections write every header, the
 * {@code Authorization} one included, to the {@code org.apache.hc.client5.http.headers} and {@code .wire} loggers at
 * debug level, and {@code mvn -X} turns debug on for every logger: the token would end up in the build log.
 */
final class QuietConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {

    static final QuietConnections INSTANCE = new QuietConnections();

    private QuietConnections() {}

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        Connection connection = new Connection();
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** What HttpClient's connection does, minus the logging: timeouts kept across pooling, the socket exposed. */
    private static final class Connection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {
        private Timeout socketTimeout;

        Connection() {
            super(Http1Config.DEFAULT);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            super.bind(sslSocket, socket);
            socketTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder == null ? null : holder.getSocket();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        /** An idle pooled connection waits without a timeout; {@link #activate()} restores it. */
        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }
    }
}
