package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RepoRootTest {

    @Test
    void findsTheCheckoutFromAModuleDirectory() {
        Path root = RepoRoot.find();

        assertThat(root.resolve("pom.xml")).isRegularFile();
        assertThat(root.resolve("booking-service")).isDirectory();
        assertThat(RepoRoot.findFrom(root.resolve("local-stack").resolve("src"))).isEqualTo(root);
    }

    @Test
    void passesOverAFolderThatHasAPomButNoServices() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "repo-root-test"));
        Path module = Files.createDirectories(dir.resolve("module").resolve("src"));
        Files.writeString(dir.resolve("module").resolve("pom.xml"), "<project/>");

        assertThat(RepoRoot.findFrom(module)).isEqualTo(RepoRoot.find());
    }

    @Test
    void refusesAFolderOutsideACheckout() {
        Path jdk = Path.of(System.getProperty("java.home"));

        assertThatThrownBy(() -> RepoRoot.findFrom(jdk))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("booking-service");
    }
}
