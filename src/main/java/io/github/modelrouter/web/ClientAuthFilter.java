package io.github.modelrouter.web;

import io.github.modelrouter.config.Secret;
import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Inbound auth ({@code router.auth.tokens}): when tokens are configured, a client must present one
 * as {@code x-api-key} or {@code Authorization: Bearer}; anything else gets 401
 * {@code authentication_error}. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken says nothing about the token or its length.
 */
final class ClientAuthFilter extends HttpFilter {

    private final List<byte[]> tokenDigests;

    ClientAuthFilter(List<Secret> tokens) {
        this.tokenDigests = tokens.stream().map(token -> digest(token.value())).toList();
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        if (tokenDigests.isEmpty() || accepted(presentedToken(clientRequest))) {
            chain.doFilter(clientRequest, clientResponse);
            return;
        }
        ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.AUTHENTICATION.error(
                "invalid or missing API key for Model Router (send x-api-key or Authorization: Bearer)"));
    }

    private boolean accepted(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] token : tokenDigests) {
            // no early exit: every token is compared
            match |= MessageDigest.isEqual(token, candidate);
        }
        return match;
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
