package io.github.modelrouter.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read access to the client's request headers, so the header policy needs no servlet type
 * (the web layer adapts {@code HttpServletRequest.getHeaders}).
 */
@FunctionalInterface
public interface ClientHeaders {

    /**
     * All values of a header, in the order received.
     *
     * @param lowerCaseName the header name in lower case
     * @return the values, an empty list when the header is absent; never {@code null}
     */
    List<String> values(String lowerCaseName);

    /** Headers from a map whose names may be in any case (tests, non-servlet callers). */
    static ClientHeaders of(Map<String, List<String>> headers) {
        Map<String, List<String>> byLowerName = new HashMap<>();
        headers.forEach((name, values) -> byLowerName
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byLowerName.replaceAll((name, values) -> List.copyOf(values));
        return name -> byLowerName.getOrDefault(name, List.of());
    }
}
