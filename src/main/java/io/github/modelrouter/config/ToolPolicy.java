package io.github.modelrouter.config;

import java.util.Set;

/**
 * What a route's upstream accepts in {@code tools[]} ({@code router.route.<r>.max-tools} and
 * {@code router.route.<r>.drop-tool-types}): the rewrite leaves out tools whose {@code type} the
 * provider rejects, then keeps at most {@code maxTools} of the rest, in the client's order (Claude
 * Code lists its own tools first and MCP tools after them, so the cut falls on the latter).
 *
 * @param maxTools most tools forwarded; 0 means no limit
 * @param dropTypes tool types left out: a tool whose {@code type} is one of these, or a versioned
 *     form of one ({@code code_execution} covers {@code code_execution_20250825})
 */
public record ToolPolicy(int maxTools, Set<String> dropTypes) {

    /** Every tool forwarded (the documented default). */
    public static final ToolPolicy NONE = new ToolPolicy(0, Set.of());

    public ToolPolicy {
        if (maxTools < 0) {
            throw new IllegalArgumentException("maxTools must be >= 0: " + maxTools);
        }
        dropTypes = Set.copyOf(dropTypes);
    }

    /** Whether the rewrite has nothing to do for tools. */
    public boolean keepsAll() {
        return maxTools == 0 && dropTypes.isEmpty();
    }

    /** Whether a tool of {@code type} is left out. */
    public boolean drops(String type) {
        if (type == null || dropTypes.isEmpty()) {
            return false;
        }
        for (String base : dropTypes) {
            if (sameToolType(type, base)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code type} is {@code base} or a versioned form of it ({@code base_<digits>}): the
     * one test of a tool type against a configured name, shared with the rules' {@code has:tool=}.
     */
    public static boolean sameToolType(String type, String base) {
        if (type.equals(base)) {
            return true;
        }
        return type.length() > base.length() + 1 && type.startsWith(base) && type.charAt(base.length()) == '_'
                && isDigits(type, base.length() + 1);
    }

    private static boolean isDigits(String text, int from) {
        if (from >= text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
