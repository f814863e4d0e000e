package com.clinicbackbone.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a Spring Boot service in {@link ServiceProcessTest}: {@code --server.port=N} serves
 * {@code /actuator/health} with {@code --health=UP|DOWN}; {@code --fail=message} prints the message and exits.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        String health = "UP";
        for (String arg : args) {
            if (arg.startsWith("--fail=")) {
                System.out.println("starting fake service");
                System.out.println(arg.substring("--fail=".length()));
                System.exit(3);
            } else if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            } else if (arg.startsWith("--health=")) {
                health = arg.substring("--health=".length());
            }
        }
        byte[] body = ("{\"status\":\"" + health + "\"}").getBytes(StandardCharsets.UTF_8);
        int code = health.equals("UP") ? 200 : 503;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
