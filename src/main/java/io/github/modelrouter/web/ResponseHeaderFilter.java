package io.github.modelrouter.web;

import io.github.modelrouter.rewrite.ResponseHeaders;
import java.util.List;
import java.util.Map;

/** The upstream's response headers that reach the client (hop-by-hop, length and cookies removed). */
final class ResponseHeaderFilter {

    private ResponseHeaderFilter() {
    }

    static List<Map.Entry<String, String>> toClient(List<Map.Entry<String, String>> upstreamHeaders) {
        return upstreamHeaders.stream().filter(h -> ResponseHeaders.forwardToClient(h.getKey())).toList();
    }
}
