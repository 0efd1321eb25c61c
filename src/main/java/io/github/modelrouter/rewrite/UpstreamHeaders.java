package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.config.UpstreamFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The headers of the upstream request, built from an allow-list:
 *
 * <table>
 *   <caption>headers sent upstream</caption>
 *   <tr><th>header</th><th>value</th></tr>
 *   <tr><td>the route's auth header</td><td>the key, as {@code x-api-key}, {@code authorization: Bearer}
 *       or {@code header:<Name>} says; none when {@code key} is null</td></tr>
 *   <tr><td>{@code content-type}</td><td>{@code application/json} (the body is always the rewritten JSON)</td></tr>
 *   <tr><td>{@code accept}</td><td>the client's, else {@code application/json}</td></tr>
 *   <tr><td>{@code anthropic-version}</td><td>the client's, else {@value #DEFAULT_ANTHROPIC_VERSION}</td></tr>
 *   <tr><td>{@code anthropic-beta}</td><td>the client's lines joined by {@code ","}, through the route's
 *       beta policy; omitted when that leaves nothing</td></tr>
 *   <tr><td>{@code user-agent}</td><td>the client's (some providers admit only known coding agents by
 *       it), else {@value #DEFAULT_USER_AGENT}</td></tr>
 *   <tr><td>{@code x-request-id}</td><td>the router's request id</td></tr>
 *   <tr><td>{@code accept-encoding}</td><td>{@code identity}, so the stream stage sees plain SSE</td></tr>
 * </table>
 *
 * Nothing else is copied: not the client's {@code x-api-key} or {@code authorization} (the client's
 * token for the router, never for the provider), cookies, hop-by-hop headers, {@code host},
 * {@code content-length} (the body changed; the HTTP client sets it), nor {@code x-stainless-*},
 * {@code x-app} or session ids. Client values containing control characters are ignored. Each
 * name appears once; the auth header comes first and wins over any later rule of the same name.
 * A route of {@code format=openai} gets no {@code anthropic-*} header: it does not speak that API,
 * and strict gateways refuse headers they do not know.
 */
public final class UpstreamHeaders {

    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
    public static final String DEFAULT_USER_AGENT = "model-router/0.1";

    private static final List<UpstreamHeaderRule> RULES = List.of(
            new UpstreamHeaderRule.RouteAuth(),
            new UpstreamHeaderRule.Fixed("content-type", "application/json"),
            new UpstreamHeaderRule.ClientOrDefault("accept", "application/json", true),
            new UpstreamHeaderRule.ClientOrDefault("anthropic-version", DEFAULT_ANTHROPIC_VERSION, false),
            new UpstreamHeaderRule.AnthropicBeta(),
            new UpstreamHeaderRule.ClientOrDefault("user-agent", DEFAULT_USER_AGENT, false),
            new UpstreamHeaderRule.RequestId(),
            new UpstreamHeaderRule.Fixed("accept-encoding", "identity"));

    private UpstreamHeaders() {
    }

    /**
     * The upstream request's headers, names in lower case, in a fixed order.
     *
     * @param client the client's request headers
     * @param route the route the request goes to
     * @param key the key to present, or {@code null} to send no auth header (a route without keys)
     * @param requestId the router's id for this request
     * @return an unmodifiable list of (name, value) pairs
     */
    public static List<Map.Entry<String, String>> build(ClientHeaders client, RouteConfig route, Secret key,
                                                        String requestId) {
        UpstreamHeaderRule.Inputs in = new UpstreamHeaderRule.Inputs(Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(route, "route"), key, Objects.requireNonNull(requestId, "requestId"));
        List<Map.Entry<String, String>> headers = new ArrayList<>(RULES.size());
        Set<String> names = new HashSet<>();
        boolean anthropic = route.format() == UpstreamFormat.ANTHROPIC;
        for (UpstreamHeaderRule rule : RULES) {
            rule.apply(in).filter(header -> anthropic || !header.getKey().startsWith("anthropic-"))
                    .filter(header -> names.add(header.getKey())).ifPresent(headers::add);
        }
        return List.copyOf(headers);
    }

    /**
     * {@code headers} without the {@code anthropic-beta} values that start with one of
     * {@code betaPrefixes} (the betas paired with fields the route learned its upstream rejects);
     * the header goes when no value is left. The same list when there is nothing to drop.
     */
    public static List<Map.Entry<String, String>> withoutBetas(List<Map.Entry<String, String>> headers,
                                                               List<String> betaPrefixes) {
        if (betaPrefixes.isEmpty()) {
            return headers;
        }
        List<Map.Entry<String, String>> kept = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            if (!header.getKey().equals("anthropic-beta")) {
                kept.add(header);
                continue;
            }
            String values = java.util.Arrays.stream(header.getValue().split(","))
                    .map(String::trim)
                    .filter(beta -> !beta.isEmpty() && betaPrefixes.stream().noneMatch(beta::startsWith))
                    .collect(java.util.stream.Collectors.joining(","));
            if (!values.isEmpty()) {
                kept.add(Map.entry("anthropic-beta", values));
            }
        }
        return List.copyOf(kept);
    }
}
