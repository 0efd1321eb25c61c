package io.github.modelrouter.web;

import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.config.Secret;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request: the inbound token it presents ({@code x-api-key} or
 * {@code Authorization: Bearer}) compared, as SHA-256 digests in constant time, with
 * {@code router.auth.tokens} and every named client's {@code router.client.<c>.token}. Used by
 * {@link ClientAuthFilter} to admit and by {@link MessagesServlet} to name the client of an
 * exchange. Immutable; the digests are computed once.
 */
final class ClientDirectory {

    /** Name of requests that come from no named client (a shared token, or no inbound auth). */
    static final String ANONYMOUS = "anonymous";

    private record Entry(byte[] digest, Optional<ClientConfig> client) {
    }

    private final List<Entry> entries;
    private final List<ClientConfig> clients;

    ClientDirectory(RouterConfig config) {
        List<Entry> all = new ArrayList<>();
        for (ClientConfig client : config.budgets().clients()) {
            all.add(new Entry(digest(client.token().value()), Optional.of(client)));
        }
        for (Secret token : config.authTokens()) {
            all.add(new Entry(digest(token.value()), Optional.empty()));
        }
        this.entries = List.copyOf(all);
        this.clients = config.budgets().clients();
    }

    /** Whether inbound auth is on. */
    boolean authRequired() {
        return !entries.isEmpty();
    }

    /** The named clients, in configured order. */
    List<ClientConfig> clients() {
        return clients;
    }

    /**
     * The result of checking a request's token: {@code null} when it presents no known token;
     * else the named client, or empty for a shared token.
     */
    Optional<ClientConfig> identify(HttpServletRequest clientRequest) {
        String presented = presentedToken(clientRequest);
        if (presented == null || presented.isEmpty()) {
            return null;
        }
        byte[] candidate = digest(presented);
        Optional<ClientConfig> found = null;
        for (Entry entry : entries) {
            // no early exit: every token is compared, so the time says nothing of which matched
            if (MessageDigest.isEqual(entry.digest(), candidate) && found == null) {
                found = entry.client();
            }
        }
        return found;
    }

    private static String presentedToken(HttpServletRequest clientRequest) {
        String apiKey = clientRequest.getHeader("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String authorization = clientRequest.getHeader("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
