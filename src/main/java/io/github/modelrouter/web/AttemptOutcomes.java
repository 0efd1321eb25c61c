package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.upstream.UpstreamFailure;
import java.time.Duration;
import java.util.Locale;

/**
 * What an upstream attempt's outcome means beyond its own request: the route's metrics and live
 * health, a key set aside after 401/403/429, and which route a new request should start on while
 * one is failing. Stateless; the state lives in {@link RouterServices}. Thread-safe.
 */
final class AttemptOutcomes {

    private final RouterServices services;

    AttemptOutcomes(RouterServices services) {
        this.services = services;
    }

    /** The upstream answered {@code status}; 5xx counts against the route's health. */
    void answered(Attempt attempt, int status) {
        RouteConfig route = attempt.route();
        services.metrics().timeToFirstByte(route, Duration.ofNanos(System.nanoTime() - attempt.sentNanos()));
        services.metrics().upstreamOutcome(route, Integer.toString(status));
        if (status >= 500) {
            services.health(route).failed("HTTP " + status);
        } else {
            services.health(route).succeeded("HTTP " + status);
        }
        if ((status == 401 || status == 403 || status == 429) && attempt.key() != null) {
            services.routes().keys(route.name()).setAside(attempt.key());
        }
    }

    /** The attempt failed without (or during) an answer; a client too slow to read is not the upstream's fault. */
    void failed(Attempt attempt, UpstreamFailure failure) {
        RouteConfig route = attempt.route();
        services.metrics().upstreamOutcome(route, failure.kind().name().toLowerCase(Locale.ROOT));
        if (failure.kind() != UpstreamFailure.Kind.OVERFLOW) {
            services.health(route).failed(failure.message());
        }
        if (failure.kind() == UpstreamFailure.Kind.CERTIFICATE) {
            services.health(route).certificateRejected(failure.message());
        }
    }

    /** A route known to be failing hands its traffic to its fallback (chains followed; validation rules out cycles). */
    RouteConfig avoidFailing(RouteConfig route) {
        RouteConfig chosen = route;
        while (services.health(chosen).avoided() && !chosen.fallback().isEmpty()) {
            RouteConfig next = services.routes().route(chosen.fallback()).orElse(null);
            if (next == null) {
                break;
            }
            services.metrics().fallback(chosen, next);
            chosen = next;
        }
        return chosen;
    }
}
