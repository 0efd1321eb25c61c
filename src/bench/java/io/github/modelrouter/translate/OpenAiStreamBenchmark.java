package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.SseEventFilter;
import io.github.modelrouter.stream.SseFilterBenchmark;
import jakarta.json.bind.Jsonb;
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
 * Throughput of {@link OpenAiStreamTranslator} over a realistic 2,000,000-byte OpenAI chunk stream
 * (reasoning, text and parallel tool calls in small deltas, each chunk with OpenAI's full
 * id/model/fingerprint header, then usage and {@code [DONE]}), in the same run as the
 * {@link SseEventFilter} over {@link SseFilterBenchmark}'s 2,000,000-byte Anthropic stream and a
 * plain byte copy, all delivered in chunks of 1–16 KiB. One invocation pushes a whole stream and
 * counts 2 operations: <b>ops/s is MB/s</b>.
 *
 * <p>{@code spanParse} and {@code jsonbParse} measure the decision written down in
 * {@link OpenAiStreamTranslator}: the cost of reading every chunk's JSON with the scanner, and of
 * binding it to typed records with JSON-B (Yasson), without writing anything.
 *
 * <p>Run: {@code mvn -Pbench clean test-compile exec:exec -Djmh.include=OpenAiStreamBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpenAiStreamBenchmark {

    static final int STREAM_BYTES = 2_000_000;
    private static final int MEGABYTES_PER_STREAM = 2;
    private static final String HEAD = "data: {\"id\":\"chatcmpl-AbCdEf0123456789\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_44709d6fcb\","
            + "\"choices\":[{\"index\":0,\"delta\":";

    /** A chunk as JSON-B would see it (the bench's own records: nothing in main binds chunks). */
    public record Chunk(String id, String model, List<ChunkChoice> choices, OpenAiWire.Usage usage) {
    }

    public record ChunkChoice(Integer index, Delta delta, String finishReason) {
    }

    public record Delta(String role, String content, String reasoningContent, List<ChunkToolCall> toolCalls) {
    }

    public record ChunkToolCall(Integer index, String id, String type, OpenAiWire.Function function) {
    }

    private List<byte[]> openAiChunks;
    private List<byte[]> anthropicChunks;
    private List<byte[]> chunkData;
    private Jsonb jsonb;

    @Setup
    public void setUp() {
        byte[] openAi = openAiStream(new Random(42));
        openAiChunks = split(openAi);
        anthropicChunks = split(SseFilterBenchmark.realisticStream(new Random(42)));
        chunkData = new ArrayList<>();
        for (String event : new String(openAi, StandardCharsets.UTF_8).split("\n\n")) {
            if (event.startsWith("data: {")) {
                chunkData.add(event.substring("data: ".length()).getBytes(StandardCharsets.UTF_8));
            }
        }
        jsonb = OpenAiJsonb.get();
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void copy(Blackhole blackhole) {
        for (byte[] chunk : openAiChunks) {
            ByteBuffer input = ByteBuffer.wrap(chunk);
            ByteBuffer copy = ByteBuffer.allocate(input.remaining());
            copy.put(input).flip();
            blackhole.consume(copy);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void sseFilterPass(Blackhole blackhole) {
        run(new SseEventFilter(false, blackhole::consume), anthropicChunks, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void translate(Blackhole blackhole) {
        run(new OpenAiStreamTranslator(false, "m", List.of(), blackhole::consume), openAiChunks, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void spanParse(Blackhole blackhole) {
        for (byte[] data : chunkData) {
            blackhole.consume(JsonScanner.parse(data));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEGABYTES_PER_STREAM)
    public void jsonbParse(Blackhole blackhole) {
        for (byte[] data : chunkData) {
            blackhole.consume(jsonb.fromJson(new java.io.ByteArrayInputStream(data), Chunk.class));
        }
    }

    private static void run(BodyTransformer transformer, List<byte[]> chunks, Blackhole blackhole) {
        Consumer<ByteBuffer> sink = blackhole::consume;
        for (byte[] chunk : chunks) {
            transformer.transform(ByteBuffer.wrap(chunk), false, sink);
        }
        transformer.transform(ByteBuffer.allocate(0), true, sink);
    }

    private static List<byte[]> split(byte[] stream) {
        List<byte[]> chunks = new ArrayList<>();
        Random sizes = new Random(7);
        for (int at = 0; at < stream.length; ) {
            int size = Math.min(stream.length - at, 1024 + sizes.nextInt(15 * 1024 + 1));
            byte[] chunk = new byte[size];
            System.arraycopy(stream, at, chunk, 0, size);
            chunks.add(chunk);
            at += size;
        }
        return chunks;
    }

    /** Reasoning, text and tool-call rounds until the stream is exactly {@link #STREAM_BYTES}. */
    static byte[] openAiStream(Random random) {
        ByteArrayOutputStream sse = new ByteArrayOutputStream(STREAM_BYTES);
        write(sse, HEAD + "{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        String tail = HEAD + "{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-AbCdEf0123456789\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":31000,\"completion_tokens\":90000,\"prompt_tokens_details\":{\"cached_tokens\":30000}}}\n\n"
                + "data: [DONE]\n\n";
        int budget = STREAM_BYTES - tail.length() - 1000;
        for (int call = 0; sse.size() < budget; call++) {
            for (int i = 0; i < 60 && sse.size() < budget; i++) {
                delta(sse, "{\"reasoning_content\":\"" + words(random, 2, 6) + "\"}");
            }
            for (int i = 0; i < 60 && sse.size() < budget; i++) {
                delta(sse, "{\"content\":\"" + words(random, 1, 4) + "\"}");
            }
            delta(sse, "{\"tool_calls\":[{\"index\":" + call + ",\"id\":\"call_" + call + "\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]}");
            for (int i = 0; i < 30 && sse.size() < budget; i++) {
                delta(sse, "{\"tool_calls\":[{\"index\":" + call + ",\"function\":{\"arguments\":\"" + words(random, 1, 3) + "\"}}]}");
            }
        }
        write(sse, tail);
        write(sse, ":" + "p".repeat(STREAM_BYTES - sse.size() - 3) + "\n\n");
        return sse.toByteArray();
    }

    private static void delta(ByteArrayOutputStream sse, String delta) {
        write(sse, HEAD + delta + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
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
}
