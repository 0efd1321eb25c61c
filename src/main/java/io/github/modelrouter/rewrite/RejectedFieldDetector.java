package io.github.modelrouter.rewrite;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an upstream's 400 answer for the top-level request fields it says it does not accept, in
 * the words real providers and frameworks use (fixtures in the tests):
 *
 * <ul>
 *   <li>Anthropic and pydantic-based gateways: {@code context_management: Extra inputs are not
 *       permitted}, and pydantic's own {@code {"type":"extra_forbidden","loc":["body","x"],"msg":"Extra
 *       inputs are not permitted"}} (DeepSeek, vLLM, LiteLLM, FastAPI), also in Python's repr
 *       {@code 'loc': ('body', 'x')};
 *   <li>OpenAI: {@code Unrecognized request argument supplied: x} and {@code Unknown parameter: 'x'.};
 *   <li>Rust serde: {@code unknown field `x`, expected one of ...}; Go: {@code json: unknown field "x"};
 *   <li>Google: {@code Unknown name "x": Cannot find field.}; JSON Schema:
 *       {@code Additional properties are not allowed ('x' was unexpected)}; Zod:
 *       {@code Unrecognized key(s) in object: 'x'}.
 * </ul>
 *
 * A name counts only when it is a whole top-level member name the router sent (a dotted or
 * indexed path such as {@code messages.0.content.0.cache_control} is a nested field and never
 * matches) and is not one the Messages API cannot do without ({@link #PROTECTED}). Quotes may be
 * backslash-escaped: the message often sits inside a JSON string.
 *
 * <p>Stateless and thread-safe; the patterns are compiled once.
 */
public final class RejectedFieldDetector {

    /** Fields never stripped, whatever an upstream says: without them there is no request. */
    public static final Set<String> PROTECTED = Set.of("model", "messages", "max_tokens");
    /** Only the head of an error body is read: real ones are a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String NAME = "([A-Za-z_][A-Za-z0-9_]*)";
    private static final String Q = "\\\\*[\"'`]";
    private static final Pattern EXTRA_FORBIDDEN = Pattern.compile(
            "Extra inputs are not permitted|extra_forbidden|extra fields not permitted", Pattern.CASE_INSENSITIVE);
    private static final Pattern PYDANTIC_LOC = Pattern.compile(
            "loc" + Q + "?\\s*:\\s*[\\[(]\\s*" + Q + "body" + Q + "\\s*,\\s*" + Q + NAME + Q + "\\s*[\\])]");
    private static final List<Pattern> NAMING = List.of(
            // Anthropic: "context_management: Extra inputs are not permitted" (a nested one has a dotted path)
            Pattern.compile("(?<![\\w.\\]\\[])(?:body\\.)?" + NAME + ":\\s*Extra inputs are not permitted"),
            Pattern.compile("Unrecognized request arguments? supplied:\\s*" + NAME + "((?:\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*)"),
            Pattern.compile("(?:unknown|unrecognized|unsupported|unexpected) (?:parameter|field|argument|property|key)s?:?\\s*"
                    + Q + NAME + Q, Pattern.CASE_INSENSITIVE),
            Pattern.compile("Unknown name " + Q + NAME + Q + ":"),
            Pattern.compile("\\(" + Q + NAME + Q + " (?:was|were) unexpected\\)"),
            Pattern.compile("Unrecognized key\\(s\\) in object:\\s*" + Q + NAME + Q));
    private static final Pattern MORE_NAMES = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The top-level fields {@code errorBody} says the upstream rejects, in the order named; empty
     * when it names none (or only protected or unsent ones).
     *
     * @param errorBody the upstream's 400 body (only its first {@link #MAX_BODY_BYTES} are read)
     * @param sent whether the router sent a top-level member of that name
     */
    public Set<String> rejected(byte[] errorBody, Predicate<String> sent) {
        String text = new String(errorBody, 0, Math.min(errorBody.length, MAX_BODY_BYTES), StandardCharsets.UTF_8);
        Set<String> names = new LinkedHashSet<>();
        if (EXTRA_FORBIDDEN.matcher(text).find()) {
            Matcher loc = PYDANTIC_LOC.matcher(text);
            while (loc.find()) {
                names.add(loc.group(1));
            }
        }
        for (Pattern pattern : NAMING) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
                if (m.groupCount() > 1 && m.group(2) != null) {
                    Matcher more = MORE_NAMES.matcher(m.group(2));
                    while (more.find()) {
                        names.add(more.group());
                    }
                }
            }
        }
        names.removeIf(name -> PROTECTED.contains(name) || !sent.test(name));
        return names;
    }
}
