package org.compliancekit.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards TCP connections from a local port to a server, and can cut them all off and come back on the same port:
 * a network outage between the store and a server that keeps running, so the test can still look at the server.
 * It can also stall: connections stay open but nothing is forwarded any more, as when a server process is paused.
 */
final class TcpRelay implements AutoCloseable {
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;
    private volatile boolean stalled;

    TcpRelay(URI target) {
        this.targetPort = target.getPort();
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Refuses new connections and resets the open ones. */
    void cut() {
        close();
    }

    /** Stops forwarding in both directions, keeping every connection open and accepting new ones. */
    void stall() {
        stalled = true;
    }

    /** Accepts connections again on the same port. */
    void resume() {
        listener = listen(port);
        accept(listener);
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(TcpRelay::closeQuietly);
        open.clear();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket from) {
        daemon(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(server);
                    daemon(() -> pump(client, server));
                    daemon(() -> pump(server, client));
                } catch (IOException e) {
                    return; // listener closed by cut()
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            while (true) {
                while (stalled && !from.isClosed()) {
                    Thread.sleep(20); // neither read nor write: the sender's buffers fill and its writes block
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the other side went away or the relay was cut; closing both ends below tells the peer
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
