package io.github.modelrouter.web;

import io.github.modelrouter.rewrite.ClientHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's request headers copied on the container thread, so retries and fallbacks on other
 * threads never touch the request object after its dispatch.
 */
final class ClientHeaderSnapshot implements ClientHeaders {

    /** Never modified after construction: the final field makes it safe to read from any thread. */
    private final Map<String, List<String>> headers;

    private ClientHeaderSnapshot(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    static ClientHeaderSnapshot of(HttpServletRequest clientRequest) {
        // one pass over the names; a name repeated in another case (a container may list both) merges
        Map<String, List<String>> copy = new HashMap<>();
        Enumeration<String> names = clientRequest.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            List<String> values = Collections.list(clientRequest.getHeaders(name));
            copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), ClientHeaderSnapshot::concat);
        }
        return new ClientHeaderSnapshot(copy);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first.size() + second.size());
        both.addAll(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    @Override
    public List<String> values(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
    }
}
