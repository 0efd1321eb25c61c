package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;

/**
 * Where one Claude Code session's request goes (SPEC "Claude Code as a client": a session keeps
 * its key while it is usable, so the provider's prompt cache stays warm, and while healthy the
 * route it moved to after a fallback, so thinking signatures stay consistent).
 *
 * @param stateKey the session and the route its model matches: the pin's name in {@code RouterState}
 * @param route the route the request starts on (the pinned one when it is still healthy)
 * @param keyId the id of the pinned key on {@code route} ({@link KeyRing#idOf}), or null when none is pinned
 */
public record SessionPin(String stateKey, RouteConfig route, String keyId) {
}
