package com.clinicbackbone.notification.notification.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server for tests that answers by script: every command 250 (DATA 354), except RCPT TO, which answers
 * {@link #rcptReply}, and the end of the message data, which answers {@link #endOfDataReply} or, when that is null,
 * closes the connection without a word (the answer is lost). Counts connections and completed messages.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    volatile String rcptReply = "250 OK";
    volatile String endOfDataReply = "250 OK queued";
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger messagesReceived = new AtomicInteger();

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0);
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase();
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("RCPT")) {
                    reply(out, rcptReply);
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message: read and dropped
                    }
                    String answer = endOfDataReply;
                    if (answer == null) {
                        return; // hang up: the client never learns whether the message was taken
                    }
                    if (answer.startsWith("250")) {
                        messagesReceived.incrementAndGet();
                    }
                    reply(out, answer);
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException ended) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
