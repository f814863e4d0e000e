package com.clinicbackbone.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB wire protocol served in-process by mongo-java-server, its data in one H2 MVStore file, so the
 * databases survive a restart on the same file.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    private MongoWireServer(MongoServer server, InetSocketAddress address, Path file) {
        this.server = server;
        this.address = address;
        this.file = file;
    }

    /**
     * Opens (or creates) the store file and listens on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     */
    public static MongoWireServer start(Path storeFile, int port) {
        Path file = storeFile.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file.getParent(), e);
        }
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new MongoWireServer(server, server.getLocalAddress(), file);
    }

    public int port() {
        return address.getPort();
    }

    /** A connection string for one database, e.g. {@code mongodb://127.0.0.1:27017/booking}. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    public Path storeFile() {
        return file;
    }

    /** Stops listening, closes the client connections and closes the store (which writes it to disk). */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
