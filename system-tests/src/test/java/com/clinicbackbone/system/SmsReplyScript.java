package com.clinicbackbone.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code compose/sms-reply.sh} (the compose stack's way to answer an SMS as a patient) with bash, posting to
 * {@code postUrl} and signing for {@code signedUrl}. Skips the calling test (an assumption) where bash, openssl or
 * curl is missing.
 */
final class SmsReplyScript {

    private final Path script;
    private final String postUrl;
    private final String signedUrl;

    /** Exit code and everything the script printed (stdout and stderr). */
    record Result(int exitCode, String output) {
    }

    SmsReplyScript(Path script, String postUrl, String signedUrl) {
        for (String tool : List.of("bash", "openssl", "curl")) {
            assumeTrue(installed(tool), tool + " is not installed: the compose reply script cannot run here");
        }
        this.script = script;
        this.postUrl = postUrl;
        this.signedUrl = signedUrl;
    }

    Result run(String authToken, String from, String body) {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), from, body, postUrl)
                .redirectErrorStream(true);
        builder.environment().put("TWILIO_AUTH_TOKEN", authToken);
        builder.environment().put("TWILIO_INBOUND_URL", signedUrl);
        builder.environment().put("LC_ALL", "C.UTF-8");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("sms-reply.sh did not finish: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean installed(String tool) {
        try {
            Process process = new ProcessBuilder("bash", "-c", "command -v " + tool).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
