package io.github.modelrouter.web;

import io.github.modelrouter.rewrite.ClientHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's request headers copied on the container thread, so retries and fallbacks on other
 * threads never touch the request object after its dispatch.
 */
final class ClientHeaderSnapshot implements ClientHeaders {

    private final Map<String, List<String>> headers;

    private ClientHeaderSnapshot(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    static ClientHeaderSnapshot of(HttpServletRequest clientRequest) {
        Map<String, List<String>> copy = new HashMap<>();
        for (String name : Collections.list(clientRequest.getHeaderNames())) {
            copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                    .addAll(Collections.list(clientRequest.getHeaders(name)));
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return new ClientHeaderSnapshot(Map.copyOf(copy));
    }

    @Override
    public List<String> values(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
    }
}
