package com.clinicbackbone.notification.notification.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP proxy in front of a server that counts the connections made through it and can cut them all. */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final int targetPort;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final List<Socket> live = new CopyOnWriteArrayList<>();

    CountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        socket = new ServerSocket(0);
        Thread acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Cuts every open connection, as a server dropping idle clients would. */
    void cutAll() throws IOException {
        for (Socket open : live) {
            open.close();
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                opened.incrementAndGet();
                live.add(client);
                live.add(server);
                AtomicInteger ends = new AtomicInteger();
                Runnable end = () -> {
                    if (ends.incrementAndGet() == 1) {
                        closed.incrementAndGet();
                    }
                    close(client);
                    close(server);
                    live.remove(client);
                    live.remove(server);
                };
                pump(client, server, end);
                pump(server, client, end);
            } catch (IOException stopped) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, Runnable end) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException cut) {
                // one side went away
            } finally {
                end.run();
            }
        }, "counting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        cutAll();
    }
}
