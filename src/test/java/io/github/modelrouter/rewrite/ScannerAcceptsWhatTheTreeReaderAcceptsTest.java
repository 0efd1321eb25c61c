package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property that made removing the tree path from production safe: over generated bodies,
 * whatever the tree reader (Parsson underneath) accepts, the production scanner accepts too, and
 * the two rewrites then agree byte for byte. Generated bodies mix every JSON construct and the
 * spellings clients really use (escapes of every kind, surrogates, exponents, big integers,
 * whitespace everywhere, duplicate names, a byte order mark), then some are mutated a byte or
 * two, so both sides of the accept/refuse boundary are exercised. Seeds are fixed: a failure
 * reproduces.
 */
class ScannerAcceptsWhatTheTreeReaderAcceptsTest {

    private static final int BODIES_PER_SEED = 2500;
    private static final String[] STRINGS = {
        "", "plain", "caf\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude80", "tab\there", "line\nbreak", "quote\"q",
        "back\\slash", "\u0000", "\u001f", "\u007f", "\u2028", "thinking", "redacted_thinking", "reasoning",
        "assistant", "cache_control", "content", "model", "type", "tool_result", "text", "image"};
    private static final String[] ESCAPED = {
        "\\u00e9", "\\ud83d\\ude80", "\\ud800", "\\udc00", "\\/", "\\\"", "\\\\", "\\b\\f\\n\\r\\t", "\\u0041",
        "\\u001F", "\\u0000"};
    private static final String[] NUMBERS = {
        "0", "-0", "1", "-1", "1.0", "1e-7", "1E+7", "-0.0e0", "12345678901234567890123", "3.141592653589793238",
        "1e400", "9223372036854775808", "0.000001"};
    private static final String[] NAMES = {"model", "messages", "system", "tools", "thinking", "content", "role",
        "type", "text", "cache_control", "stream", "x", "\\u0074ype", "con\\u0074ent", ""};

    private final RequestRewriter rewriter = new RequestRewriter();
    private final TreeRequestRewriter oracle = new TreeRequestRewriter();
    private final List<RouteConfig> routes = List.of(TestRoutes.opus(), TestRoutes.sonnet(),
            TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER), TestRoutes.passThrough());

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void treeAcceptsImpliesScannerAccepts(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < BODIES_PER_SEED; i++) {
            byte[] body = body(random);
            if (random.nextInt(3) == 0) {
                mutate(body, random);
            }
            if (check(body)) {
                accepted++;
            }
        }
        // the generator must keep producing bodies both readers accept, or the property is empty
        assertTrue(accepted > BODIES_PER_SEED / 2, "only " + accepted + " bodies accepted");
    }

    /** Answers whether the tree reader accepted the body; fails when the scanner disagrees. */
    private boolean check(byte[] body) {
        try {
            JsonTreeReader.readObject(body);
        } catch (InvalidRequestException treeRefused) {
            return false;
        }
        if (!Bodies.scannerAccepts(body)) {
            fail("the tree reader accepts what the scanner refuses: " + new String(body, StandardCharsets.UTF_8));
        }
        ClientRequestBody parsed;
        try {
            parsed = ClientRequestBody.parse(body);
        } catch (InvalidRequestException invalidModel) {
            return true; // valid JSON, but the model field is missing or not a usable string
        }
        for (RouteConfig route : routes) {
            assertArrayEquals(oracle.rewrite(parsed, route), rewriter.rewrite(parsed, route),
                    () -> route.name() + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return true;
    }

    private static byte[] body(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(20) == 0) {
            out.append('\uFEFF');
        }
        ws(out, random);
        out.append('{');
        ws(out, random);
        out.append("\"model\"");
        ws(out, random);
        out.append(':');
        ws(out, random);
        out.append('"').append(random.nextBoolean() ? "claude-opus-4-5" : "m\\u0078").append('"');
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            ws(out, random);
            out.append(',');
            ws(out, random);
            name(out, random);
            ws(out, random);
            out.append(':');
            ws(out, random);
            value(out, random, 0);
        }
        ws(out, random);
        out.append('}');
        ws(out, random);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder out, Random random, int depth) {
        int pick = random.nextInt(depth > 6 ? 5 : 8);
        switch (pick) {
            case 0 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 1 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
            case 2, 3, 4 -> string(out, random);
            case 5 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    ws(out, random);
                    value(out, random, depth + 1);
                    ws(out, random);
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    ws(out, random);
                    name(out, random);
                    out.append(':');
                    ws(out, random);
                    value(out, random, depth + 1);
                }
                out.append('}');
            }
        }
    }

    private static void name(StringBuilder out, Random random) {
        out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append('"');
    }

    private static void string(StringBuilder out, Random random) {
        out.append('"');
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            if (random.nextBoolean()) {
                out.append(ESCAPED[random.nextInt(ESCAPED.length)]);
            } else {
                String text = STRINGS[random.nextInt(STRINGS.length)];
                // raw control characters, quotes and backslashes would not be JSON: escape them here
                for (char c : text.toCharArray()) {
                    if (c < 0x20 || c == '"' || c == '\\') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void ws(StringBuilder out, Random random) {
        if (random.nextInt(4) == 0) {
            out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }

    private static void mutate(byte[] body, Random random) {
        byte[] alphabet = "{}[]\",:\\/ \t\n-+.0123456789eEtrufalsnu".getBytes(StandardCharsets.US_ASCII);
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(body.length);
            body[at] = random.nextInt(6) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
    }
}
