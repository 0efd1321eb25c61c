package io.github.modelrouter.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link SseEventFilter} over a realistic 2,000,000-byte Anthropic stream (thinking
 * blocks with thinking and signature deltas, text, tool_use with input_json_delta, pings),
 * delivered in chunks of 1–16 KiB as an HTTP client would. One invocation pushes the whole stream
 * through a fresh transformer (one per request, as in the proxy) and is counted as 2 operations,
 * so <b>the score in ops/s is MB/s</b> (10^6 bytes per second).
 *
 * <p>{@code copy} is the floor every transformer pays: each chunk copied into a fresh buffer
 * (what {@link BodyTransformer#identity()} does). {@code filterPass} splits events and reads usage;
 * {@code filterDrop} also drops thinking blocks and renumbers indices.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Djmh.include=SseFilterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SseFilterBenchmark {

    static final int STREAM_BYTES = 2_000_000;
    private static final int MEGABYTES_PER_STREAM = 2;

    private List<byte[]> chunks;

    @Setup
    public void setUp() {
        byte[] stream = realisticStream(new Random(42));
        chunks = new ArrayList<>();
        Random sizes = new Random(7);
        for (int at = 0; at < stream.length; ) {
            int size = Math.min(stream.length - at, 1024 + sizes.nextInt(15 * 1024 + 1));
            byte[] chunk = new byte[size];
            System.arraycopy(stream, at, chunk, 0, size);
            chunks.add(chunk);
            at += size;
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void copy(Blackhole blackhole) {
        Consumer<ByteBuffer> sink = blackhole::consume;
        for (byte[] chunk : chunks) {
            ByteBuffer input = ByteBuffer.wrap(chunk);
            ByteBuffer copy = ByteBuffer.allocate(input.remaining());
            copy.put(input).flip();
            sink.accept(copy);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void filterPass(Blackhole blackhole) {
        run(new SseEventFilter(false, blackhole::consume), blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void filterDrop(Blackhole blackhole) {
        run(new SseEventFilter(true, blackhole::consume), blackhole);
    }

    private void run(BodyTransformer transformer, Blackhole blackhole) {
        Consumer<ByteBuffer> sink = blackhole::consume;
        for (byte[] chunk : chunks) {
            transformer.transform(ByteBuffer.wrap(chunk), false, sink);
        }
        transformer.transform(ByteBuffer.allocate(0), true, sink);
    }

    /** Blocks of thinking, text and tool use until the stream is exactly {@link #STREAM_BYTES}. */
    public static byte[] realisticStream(Random random) {
        ByteArrayOutputStream sse = new ByteArrayOutputStream(STREAM_BYTES);
        write(sse, event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"deepseek-v4-pro\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":31000,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":30000,\"output_tokens\":1}}}"));
        String tail = event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":90000}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
        int budget = STREAM_BYTES - tail.length() - 1000;
        String[] kinds = {"thinking", "text", "tool_use"};
        for (int index = 0; sse.size() < budget; index++) {
            appendBlock(sse, kinds[index % 3], index, random, budget);
        }
        write(sse, tail);
        // pad to the exact size with a short comment, which every SSE client ignores
        write(sse, ":" + "p".repeat(STREAM_BYTES - sse.size() - 3) + "\n\n");
        return sse.toByteArray();
    }

    private static void appendBlock(ByteArrayOutputStream sse, String kind, int index, Random random, int budget) {
        String start = switch (kind) {
            case "thinking" -> "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";
            case "text" -> "{\"type\":\"text\",\"text\":\"\"}";
            default -> "{\"type\":\"tool_use\",\"id\":\"toolu_01Ho4aDDd5cxWSKXbfGV4c8S\",\"name\":\"Read\",\"input\":{}}";
        };
        write(sse, event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + start + "}"));
        int deltas = 20 + random.nextInt(200);
        for (int i = 0; i < deltas && sse.size() < budget; i++) {
            String delta = switch (kind) {
                case "thinking" -> "{\"type\":\"thinking_delta\",\"thinking\":\"" + words(random, 8, 30) + "\"}";
                case "text" -> "{\"type\":\"text_delta\",\"text\":\"" + words(random, 3, 12) + "\"}";
                default -> "{\"type\":\"input_json_delta\",\"partial_json\":\"" + words(random, 4, 14) + "\"}";
            };
            write(sse, event("content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}"));
            if (random.nextInt(50) == 0) {
                write(sse, event("ping", "{\"type\": \"ping\"}"));
            }
        }
        if (kind.equals("thinking")) {
            write(sse, event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + "EqQBCgIYAhIM".repeat(30) + "\"}}"));
        }
        write(sse, event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final String[] WORDS = {"the", "file", "function", "returns", "value", "because", "we",
        "need", "to", "check", "whether", "index", "überprüfen", "größe", "→", "config", "stream", "thread"};

    private static String words(Random random, int min, int max) {
        StringBuilder text = new StringBuilder();
        int count = min + random.nextInt(max - min + 1);
        for (int i = 0; i < count; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString();
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
