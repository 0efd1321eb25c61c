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
            copy.merge(name.toLowerCase(Locale.ROOT), values(clientRequest.getHeaders(name)), ClientHeaderSnapshot::concat);
        }
        return new ClientHeaderSnapshot(copy);
    }

    /** The values as an immutable list; most headers have one, which needs no intermediate list. */
    private static List<String> values(Enumeration<String> values) {
        if (!values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>(4);
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return Collections.unmodifiableList(all);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first.size() + second.size());
        both.addAll(first);
        both.addAll(second);
        return Collections.unmodifiableList(both);
    }

    @Override
    public List<String> values(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
    }
}
