package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    static Path dir;

    private static Path jar;
    private ServiceProcess process;

    @BeforeAll
    static void buildFakeServiceJar() throws Exception {
        jar = dir.resolve("fake-service.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream clazz = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            clazz.transferTo(out);
            out.closeEntry();
        }
    }

    @AfterEach
    void stopProcess() {
        if (process != null) {
            process.stop();
        }
    }

    @Test
    void waitsUntilHealthIsUpAndStops() throws Exception {
        int port = freePort();
        process = ServiceProcess.start("fake", jar, List.of("--server.port=" + port), dir.resolve("up.log"));

        process.awaitHealthy(port, Duration.ofSeconds(30));
        assertThat(process.isAlive()).isTrue();

        process.stop();
        assertThat(process.isAlive()).isFalse();
        assertThat(Files.readString(dir.resolve("up.log"))).contains("fake service listening on " + port);
    }

    @Test
    void failsWithTheLogTailWhenTheServiceExits() throws Exception {
        int port = freePort();
        process = ServiceProcess.start("fake", jar, List.of("--server.port=" + port, "--fail=cannot reach kafka"),
                dir.resolve("exits.log"));

        assertThatThrownBy(() -> process.awaitHealthy(port, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fake exited with code 3")
                .hasMessageContaining("cannot reach kafka");
    }

    @Test
    void failsWhenHealthStaysDown() throws Exception {
        int port = freePort();
        process = ServiceProcess.start("fake", jar, List.of("--server.port=" + port, "--health=DOWN"),
                dir.resolve("down.log"));

        assertThatThrownBy(() -> process.awaitHealthy(port, Duration.ofSeconds(4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not healthy within 4 s")
                .hasMessageContaining("503")
                .hasMessageContaining("fake service listening");
    }

    @Test
    void refusesAMissingJar() {
        assertThatThrownBy(() -> ServiceProcess.start("ghost", dir.resolve("ghost.jar"), List.of(), dir.resolve("g.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ghost.jar");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
