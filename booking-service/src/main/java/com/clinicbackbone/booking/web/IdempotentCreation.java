package com.clinicbackbone.booking.web;

import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A POST that creates a resource (201 with Location), made idempotent by an optional {@code Idempotency-Key} as the
 * booking endpoint does: a retry of the same request by the same caller creates nothing more and gets the first
 * answer again (header {@code Idempotent-Replayed: true}); the key with a different request (or on another endpoint)
 * is 422. The resource gets its id before it is created, so an interrupted attempt is recognised by that id.
 */
@Component
public class IdempotentCreation {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    IdempotentCreation(IdempotentRequests idempotent, JsonMapper json) {
        this.idempotent = idempotent;
        this.json = json;
    }

    /**
     * @param scope    the endpoint (method and path), part of the request's fingerprint
     * @param create   creates the resource under the id and returns its response body
     * @param find     the response body of the resource with the id, if an earlier attempt created it
     * @param location where the resource with the id lives
     */
    public ResponseEntity<?> create(String subject, String key, String scope, Object request,
                                    Function<String, Object> create, Function<String, Optional<?>> find,
                                    Function<String, URI> location) {
        if (key == null) {
            String id = UUID.randomUUID().toString();
            return ResponseEntity.created(location.apply(id)).body(create.apply(id));
        }
        Function<Object, StoredResponse> stored = body -> new StoredResponse(HttpStatus.CREATED.value(), null,
                json.writeValueAsString(body));
        var outcome = idempotent.execute(subject, key, fingerprint(scope, request),
                id -> withId(stored.apply(create.apply(id)), id),
                id -> find.apply(id).map(body -> withId(stored.apply(body), id)));
        StoredResponse response = outcome.response();
        var answer = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON)
                .location(location.apply(response.resourceId()));
        if (outcome.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(response.body());
    }

    private static StoredResponse withId(StoredResponse response, String id) {
        return new StoredResponse(response.status(), id, response.body());
    }

    private String fingerprint(String scope, Object request) {
        try {
            byte[] canonical = (scope + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
