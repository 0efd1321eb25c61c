package io.github.modelrouter.json;

import java.util.Random;

/**
 * Random JSON documents for the scanner's and writer's property tests: nested objects and arrays
 * with occasional whitespace, escapes (some the writer re-encodes), repeated and escaped names,
 * non-ASCII text and numbers beyond a long.
 */
final class RandomJson {

    private static final String[] NAMES = {"type", "text", "a", "b", "\\u0061", "t\\u0079pe", "x\\/y", "é", "k1",
        "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13"};
    private static final String[] SCALARS = {"1", "-0.5e3", "true", "false", "null", "\"plain\"", "\"a\\nb\"",
        "\"\\u00e9\"", "\"é漢😀\"", "\"x\\/y\"", "0", "12345678901234567890",
        "\"q\\\"t\\\\\"", "\"\\u0001 \\t\""};

    private RandomJson() {
    }

    /** One document, nested at most eight levels. */
    static String document(Random random) {
        StringBuilder out = new StringBuilder();
        value(random, out, 0);
        return out.toString();
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int pick = depth > 7 ? 2 : random.nextInt(5);
        switch (pick) {
            case 0 -> {
                out.append('{').append(space(random));
                int members = random.nextInt(random.nextInt(8) == 0 ? 16 : 5);
                for (int i = 0; i < members; i++) {
                    if (i > 0) {
                        out.append(',').append(space(random));
                    }
                    out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append('"').append(space(random))
                            .append(':').append(space(random));
                    value(random, out, depth + 1);
                    out.append(space(random));
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[').append(space(random));
                int elements = random.nextInt(5);
                for (int i = 0; i < elements; i++) {
                    if (i > 0) {
                        out.append(',').append(space(random));
                    }
                    value(random, out, depth + 1);
                }
                out.append(space(random)).append(']');
            }
            default -> out.append(SCALARS[random.nextInt(SCALARS.length)]);
        }
    }

    private static String space(Random random) {
        return switch (random.nextInt(24)) {
            case 0, 1 -> " ";
            case 2 -> "\n  ";
            case 3 -> "\r\n\t";
            default -> "";
        };
    }
}
