package com.clinicbackbone.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root folder: the one holding {@code pom.xml} and {@code booking-service/}. */
public final class RepoRoot {

    private RepoRoot() {
    }

    /** Walks up from the working directory, so it works from the root and from any module directory. */
    public static Path find() {
        return findFrom(Path.of("").toAbsolutePath());
    }

    static Path findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("booking-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No Clinic Backbone checkout (a folder with pom.xml and booking-service/) at or above "
                + start.toAbsolutePath());
    }
}
