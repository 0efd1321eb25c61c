package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One header of the upstream request: where its value comes from. Each rule is a small value that
 * reads its inputs and returns the header or nothing; none mutates anything (the header filters
 * of Spring Cloud Gateway are the model). The list of rules in {@link UpstreamHeaders} is the
 * allow-list: a client header no rule copies never reaches the upstream.
 */
sealed interface UpstreamHeaderRule {

    /** The header to send, or empty to send none. */
    Optional<Map.Entry<String, String>> apply(Inputs in);

    /** What a rule may read. {@code key} is {@code null} for a route without a key. */
    record Inputs(ClientHeaders client, RouteConfig route, Secret key, String requestId) {
    }

    /** The route's credential in the route's auth header: {@code x-api-key}, bearer or a named header. */
    record RouteAuth() implements UpstreamHeaderRule {
        @Override
        public Optional<Map.Entry<String, String>> apply(Inputs in) {
            if (in.key() == null) {
                return Optional.empty();
            }
            return Optional.of(Map.entry(in.route().auth().headerName(), in.route().auth().headerValue(in.key())));
        }
    }

    /** A header whose value the router decides alone. */
    record Fixed(String name, String value) implements UpstreamHeaderRule {
        @Override
        public Optional<Map.Entry<String, String>> apply(Inputs in) {
            return Optional.of(Map.entry(name, value));
        }
    }

    /**
     * The client's header, else a default. With {@code joinValues} several header lines are joined
     * with {@code ", "} (list-valued headers such as {@code accept}); otherwise the first is used.
     */
    record ClientOrDefault(String name, String fallback, boolean joinValues) implements UpstreamHeaderRule {
        @Override
        public Optional<Map.Entry<String, String>> apply(Inputs in) {
            List<String> values = clean(in.client().values(name));
            if (values.isEmpty()) {
                return Optional.of(Map.entry(name, fallback));
            }
            return Optional.of(Map.entry(name, joinValues ? String.join(", ", values) : values.get(0)));
        }
    }

    /** The client's {@code anthropic-beta} lines joined with {@code ","}, through the route's beta policy. */
    record AnthropicBeta() implements UpstreamHeaderRule {
        @Override
        public Optional<Map.Entry<String, String>> apply(Inputs in) {
            String joined = String.join(",", clean(in.client().values("anthropic-beta")));
            return in.route().betaHeader().apply(joined).map(value -> Map.entry("anthropic-beta", value));
        }
    }

    /** The router's id of this request, so upstream logs can be matched with ours. */
    record RequestId() implements UpstreamHeaderRule {
        @Override
        public Optional<Map.Entry<String, String>> apply(Inputs in) {
            return Optional.of(Map.entry("x-request-id", in.requestId()));
        }
    }

    /**
     * The values trimmed, without blank ones and without any that holds a control character
     * (CR or LF would split the header; a container normally refuses them, this does not rely on it).
     */
    static List<String> clean(List<String> values) {
        // a plain loop, and the list itself when nothing changes (the usual case): this runs for
        // several headers of every request, where a stream pipeline per header was measurable
        List<String> cleaned = null;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String kept = value == null || hasControl(value) ? null : value.trim();
            if (kept != null && kept.isEmpty()) {
                kept = null;
            }
            if (cleaned == null && kept != value) {
                cleaned = new ArrayList<>(values.subList(0, i));
            }
            if (cleaned != null && kept != null) {
                cleaned.add(kept);
            }
        }
        return cleaned == null ? values : List.copyOf(cleaned);
    }

    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
