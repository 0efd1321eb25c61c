package io.github.modelrouter.rewrite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a realistic Claude Code {@code /v1/messages} request (the traffic SPEC.md "What real
 * clients send" describes), deterministically, at any size, together with what each default route
 * must forward for it. The expected bodies are written by construction here, independently of the
 * rewrite code, so a test can compare trees (and even bytes: everything is written compact, with the
 * same escapes as the router's writer).
 *
 * <p>Shape of the request, members in Claude Code's order: {@code model, messages, system, tools,
 * metadata, max_tokens, thinking, context_management, output_config, stream}. {@code system} is a
 * list whose first block is the billing line, two later blocks carry {@code cache_control};
 * 25 tools with JSON schemas (the last with {@code cache_control}) make up a large share of the
 * bytes; the history cycles through assistant turns with thinking + text + tool_use, without
 * thinking, with {@code redacted_thinking}, and with parallel tool calls, each answered by tool
 * results; one {@code "role":"system"} message and one assistant message with string content sit
 * in the middle; the last two user turns end with a {@code cache_control} block. Text mixes
 * English, code with quotes, backslashes, tabs and newlines, accented letters, CJK and emoji;
 * tool inputs carry numbers such as {@code 1.0}, {@code 1e-7}, {@code -0} and a 30-digit integer.
 */
public final class ClaudeCodeRequestFixture {

    /** Which body to write: the client's, or what a route forwards for it. */
    public enum Shape {
        /** What Claude Code sends. */
        CLIENT,
        /** What {@link TestRoutes#opus()} forwards: placeholder thinking, cache_control stripped. */
        OPUS,
        /** What {@link TestRoutes#sonnet()} forwards: thinking stripped and disabled, cache_control stripped. */
        SONNET
    }

    public static final String CLIENT_MODEL = "claude-opus-4-6";

    private static final String[] WORDS = {
        "the", "function", "returns", "a", "list", "of", "files", "that", "match", "pattern", "we", "need", "to",
        "check", "whether", "config", "is", "loaded", "before", "request", "handler", "runs", "café", "naïve",
        "résumé", "日本語", "数据", "测试", "🚀", "✅", "—", "stream", "token", "cache", "upstream", "route", "model",
        "thinking", "budget", "error", "retry", "timeout", "latency", "JSON", "parser", "number", "field", "order",
    };
    private static final String[] TOOL_NAMES = {
        "Task", "Bash", "Glob", "Grep", "ExitPlanMode", "Read", "Edit", "Write", "NotebookEdit", "WebFetch",
        "TodoWrite", "WebSearch", "BashOutput", "KillShell", "SlashCommand", "Skill", "AskUserQuestion",
        "EnterPlanMode", "LSP", "ListMcpResourcesTool", "ReadMcpResourceTool", "mcp__ide__getDiagnostics",
        "mcp__ide__executeCode", "mcp__github__create_issue", "mcp__github__search_code",
    };
    private static final String CACHE_CONTROL = "\"cache_control\":{\"type\":\"ephemeral\"}";
    private static final String PLACEHOLDER = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";

    private final Shape shape;
    /** Separate sources for the fixed part and the history, so the tools do not change with the turn count. */
    private final Random fixedRandom = new Random(20250219);
    private final Random historyRandom = new Random(20250514);
    private Random random = historyRandom;
    private final StringBuilder out = new StringBuilder(1 << 19);
    private int toolUseIds;

    private ClaudeCodeRequestFixture(Shape shape) {
        this.shape = shape;
    }

    /** The body of about {@code approxBytes} UTF-8 bytes (at least the fixed part, about 110 KB). */
    public static byte[] bytes(int approxBytes, Shape shape) {
        return json(approxBytes, shape).getBytes(StandardCharsets.UTF_8);
    }

    /** The body as a string; the same turns for every shape of the same size. */
    public static String json(int approxBytes, Shape shape) {
        // the number of turns is found on the client's shape, then every shape gets the same turns
        int fixed = clientSize(0);
        int perTurn = Math.max(1, (clientSize(8) - fixed) / 8);
        int turns = Math.max(0, (approxBytes - fixed) / perTurn);
        while (turns > 0 && clientSize(turns) > approxBytes) {
            turns--;
        }
        while (clientSize(turns) < approxBytes) {
            turns++;
        }
        return new ClaudeCodeRequestFixture(shape).write(turns);
    }

    private static int clientSize(int turns) {
        return new ClaudeCodeRequestFixture(Shape.CLIENT).write(turns).getBytes(StandardCharsets.UTF_8).length;
    }

    private String write(int turns) {
        out.append("{\"model\":").append(quote(switch (shape) {
            case CLIENT -> CLIENT_MODEL;
            case OPUS -> "deepseek-v4-pro";
            case SONNET -> "kimi-for-coding";
        }));
        out.append(",\"messages\":[");
        messages(turns);
        random = fixedRandom;
        out.append("],\"system\":[");
        system();
        out.append("],\"tools\":[");
        tools();
        out.append("],\"metadata\":{\"user_id\":\"user_")
                .append("4f1c0a9e7b2d".repeat(6), 0, 64)
                .append("_account_0b5e2c1d-9a7f-4e3b-8c6d-2f1a0e9b8c7d_session_7d3e4f5a-1b2c-4d6e-9f8a-0b1c2d3e4f5a\"}");
        out.append(",\"max_tokens\":32000,\"thinking\":");
        out.append(shape == Shape.SONNET ? "{\"type\":\"disabled\"}" : "{\"type\":\"enabled\",\"budget_tokens\":31999}");
        out.append(",\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]}");
        out.append(",\"output_config\":{\"effort\":\"high\"},\"stream\":true}");
        return out.toString();
    }

    private void system() {
        out.append("{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.197.3f2; cc_entrypoint=cli; cch=8a1b2;\"}");
        out.append(",{\"type\":\"text\",\"text\":\"You are Claude Code, Anthropic's official CLI for Claude.\"")
                .append(cacheControl()).append('}');
        out.append(",{\"type\":\"text\",\"text\":").append(quote(prose(2200))).append(cacheControl()).append('}');
    }

    private void tools() {
        for (int i = 0; i < TOOL_NAMES.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"name\":").append(quote(TOOL_NAMES[i]))
                    .append(",\"description\":").append(quote(prose(500 + random.nextInt(400))))
                    .append(",\"input_schema\":{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"")
                    .append(",\"type\":\"object\",\"properties\":{");
            int properties = 2 + random.nextInt(5);
            List<String> names = new ArrayList<>();
            for (int p = 0; p < properties; p++) {
                String name = WORDS[random.nextInt(16)] + "_" + p;
                names.add(name);
                if (p > 0) {
                    out.append(',');
                }
                out.append(quote(name)).append(':');
                switch (p % 3) {
                    case 0 -> out.append("{\"type\":\"string\",\"description\":").append(quote(prose(30))).append('}');
                    case 1 -> out.append("{\"type\":\"number\",\"minimum\":0,\"maximum\":600000,\"default\":1.0,")
                            .append("\"description\":").append(quote(prose(20))).append('}');
                    default -> out.append("{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":")
                            .append("{\"cache_control\":{\"type\":\"string\"},\"status\":{\"type\":\"string\",")
                            .append("\"enum\":[\"pending\",\"in_progress\",\"completed\"]}},\"required\":[\"status\"],")
                            .append("\"additionalProperties\":false}}");
                }
            }
            out.append("},\"required\":[").append(quote(names.get(0))).append("],\"additionalProperties\":false}");
            if (i == TOOL_NAMES.length - 1) {
                out.append(cacheControl()); // SDK users mark the last tool; the schema's "cache_control" property stays
            }
            out.append('}');
        }
    }

    private void messages(int turns) {
        out.append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":")
                .append(quote("<system-reminder>\nAs you answer the user's questions, you can use the following context:\n"
                        + prose(300) + "\n</system-reminder>\n"))
                .append("},{\"type\":\"text\",\"text\":").append(quote(prose(60))).append("}]}");
        for (int turn = 0; turn < turns; turn++) {
            if (turn == turns / 2) {
                out.append(",{\"role\":\"system\",\"content\":").append(quote(prose(40))).append('}');
                String answer = prose(50);
                // string content stays a string on every route: the thinking policy applies to lists only
                out.append(",{\"role\":\"assistant\",\"content\":").append(quote(answer));
                out.append("},{\"role\":\"user\",\"content\":").append(quote(prose(30))).append('}');
            }
            boolean cacheMark = turn >= turns - 2;
            int toolUses = assistant(turn % 4);
            userToolResults(toolUses, cacheMark);
        }
    }

    /** One assistant turn of the given kind; returns how many tool_use blocks it made. */
    private int assistant(int kind) {
        String thinking = prose(120 + random.nextInt(200));
        String signature = base64(300 + random.nextInt(200));
        String text = prose(40 + random.nextInt(80));
        out.append(",{\"role\":\"assistant\",\"content\":[");
        List<String> blocks = new ArrayList<>();
        if (shape == Shape.OPUS) {
            blocks.add(PLACEHOLDER);
        }
        boolean client = shape == Shape.CLIENT;
        int toolUses;
        switch (kind) {
            case 0 -> { // thinking, text, tool_use
                if (client) {
                    blocks.add("{\"type\":\"thinking\",\"thinking\":" + quote(thinking) + ",\"signature\":"
                            + quote(signature) + "}");
                }
                blocks.add("{\"type\":\"text\",\"text\":" + quote(text) + "}");
                blocks.add(toolUse());
                toolUses = 1;
            }
            case 1 -> { // no thinking: text, tool_use
                blocks.add("{\"type\":\"text\",\"text\":" + quote(text) + "}");
                blocks.add(toolUse());
                toolUses = 1;
            }
            case 2 -> { // redacted thinking, tool_use
                if (client) {
                    blocks.add("{\"type\":\"redacted_thinking\",\"data\":" + quote(signature) + "}");
                }
                blocks.add(toolUse());
                toolUses = 1;
            }
            default -> { // thinking, two parallel tool calls
                if (client) {
                    blocks.add("{\"type\":\"thinking\",\"thinking\":" + quote(thinking) + ",\"signature\":"
                            + quote(signature) + "}");
                }
                blocks.add(toolUse());
                blocks.add(toolUse());
                toolUses = 2;
            }
        }
        out.append(String.join(",", blocks)).append("]}");
        return toolUses;
    }

    private String toolUse() {
        String id = "toolu_01" + String.format("%022d", ++toolUseIds);
        String command = "grep -rn \"route\\\\.\" src/ | head -n 20\t# 日本語 ✅";
        return "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":" + quote(TOOL_NAMES[random.nextInt(TOOL_NAMES.length)])
                + ",\"input\":{\"command\":" + quote(command) + ",\"timeout\":120000,\"ratio\":1.0,\"epsilon\":1e-7,"
                + "\"scale\":1E+2,\"offset\":-0,\"weights\":[0.1,123456789012345678901234567890,"
                + "123456789012345678901234567890.123456789],\"description\":" + quote(prose(12)) + "}}";
    }

    private void userToolResults(int count, boolean cacheMark) {
        out.append(",{\"role\":\"user\",\"content\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            String id = "toolu_01" + String.format("%022d", toolUseIds - count + 1 + i);
            out.append("{\"tool_use_id\":\"").append(id).append("\",\"type\":\"tool_result\",\"content\":")
                    .append(quote(code(25 + random.nextInt(60))));
            if (cacheMark && i == count - 1) {
                out.append(cacheControl());
            }
            out.append('}');
        }
        out.append("]}");
    }

    private String cacheControl() {
        return shape == Shape.CLIENT ? "," + CACHE_CONTROL : "";
    }

    private String prose(int words) {
        StringBuilder text = new StringBuilder(words * 7);
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            text.append(i % 17 == 16 ? ".\n" : " ");
        }
        return text.toString();
    }

    private String code(int lines) {
        StringBuilder text = new StringBuilder(lines * 40);
        for (int i = 1; i <= lines; i++) {
            text.append(String.format("%6d\t", i));
            switch (i % 4) {
                case 0 -> text.append("if (body.length > limit) { throw new IllegalStateException(\"too large: \" + n); }");
                case 1 -> text.append("    String path = \"C:\\\\Users\\\\dev\\\\project\"; // Windows path");
                case 2 -> text.append("    log.info(\"résumé → 数据 🚀 {}\", value);");
                default -> text.append("    return Map.of(\"key\", 1.0e-3, \"big\", 123456789012345678901234567890L);");
            }
            text.append('\n');
        }
        return text.toString();
    }

    private String base64(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder text = new StringBuilder(length + 2);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(64)));
        }
        return text.append("==").toString();
    }

    /** A JSON string with the escapes the router's writer uses (only \" \\ \n \t occur here). */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
