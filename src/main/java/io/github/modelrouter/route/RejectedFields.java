package io.github.modelrouter.route;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The top-level request fields each route's upstream is known to reject
 * ({@code learn-rejected-fields}), learned from its 400 answers and stripped from every later
 * request of that route, with the {@code anthropic-beta} value that asks for the same feature.
 *
 * <p>Kept in this process only, on purpose: what an upstream accepts is a property of the
 * upstream, each replica learns it from the first rejection it sees at the cost of one retried
 * request, and a Redis round-trip on every request's rewrite would cost more than that. A restart
 * forgets them, so an upstream that has since learned a field gets it again.
 *
 * <p>Thread-safe: learned on the HttpClient reactor, read on container threads. Reads are a
 * volatile read of an immutable set, so the hot path takes no lock.
 */
public final class RejectedFields {

    /**
     * Fields whose feature is also switched on by an {@code anthropic-beta} value: a route that
     * strips the field drops the betas starting with this prefix too, since an upstream that
     * rejects the field usually rejects the beta's other effects as well.
     */
    static final Map<String, String> PAIRED_BETA_PREFIX = Map.of(
            "context_management", "context-management-",
            "mcp_servers", "mcp-client-",
            "container", "code-execution-");

    /** What a route strips: the fields, and the beta prefixes paired with them. */
    public record Learned(Set<String> fields, List<String> betaPrefixes) {
        static final Learned NONE = new Learned(Set.of(), List.of());

        public Learned {
            fields = Set.copyOf(fields);
            betaPrefixes = List.copyOf(betaPrefixes);
        }

        /** Whether nothing was learned. */
        public boolean isEmpty() {
            return fields.isEmpty();
        }
    }

    private final ConcurrentMap<String, Learned> byRoute = new ConcurrentHashMap<>();

    /** What route {@code route} strips; never null. */
    public Learned of(String route) {
        return byRoute.getOrDefault(route, Learned.NONE);
    }

    /** Adds {@code fields} to what {@code route} strips; answers the ones that were new. */
    public Set<String> learn(String route, Set<String> fields) {
        Set<String> added = new LinkedHashSet<>();
        byRoute.compute(route, (name, known) -> {
            Learned current = known == null ? Learned.NONE : known;
            Set<String> all = new LinkedHashSet<>(current.fields());
            for (String field : fields) {
                if (all.add(field)) {
                    added.add(field);
                }
            }
            List<String> prefixes = all.stream().map(PAIRED_BETA_PREFIX::get).filter(p -> p != null).toList();
            return new Learned(all, prefixes);
        });
        return added;
    }
}
