package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Inbound auth ({@code router.auth.tokens}, joined by each {@code router.client.<c>.token}): when
 * any token is configured, a client must present one as {@code x-api-key} or
 * {@code Authorization: Bearer}; anything else gets 401 {@code authentication_error}. The
 * comparison is the {@link ClientDirectory}'s: SHA-256 digests with {@code MessageDigest.isEqual},
 * so the time taken says nothing about the token or its length.
 */
final class ClientAuthFilter extends HttpFilter {

    private final ClientDirectory directory;

    ClientAuthFilter(ClientDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!directory.authRequired() || directory.identify(clientRequest) != null) {
            chain.doFilter(clientRequest, clientResponse);
            return;
        }
        ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.AUTHENTICATION.error(
                "invalid or missing API key for Model Router (send x-api-key or Authorization: Bearer)"));
    }
}
