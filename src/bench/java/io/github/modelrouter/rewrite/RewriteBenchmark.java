package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture.Shape;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The request rewrite on a realistic 300 KB Claude Code request (see {@link ClaudeCodeRequestFixture}):
 * what one {@code POST /v1/messages} costs the proxy before forwarding.
 *
 * <p>Quote the figures as ratios to the baselines of the same run: {@code copyBaseline} (a plain
 * {@code byte[]} copy of the body, the floor of any proxy that touches the bytes),
 * {@code parssonReadWriteBaseline} (stock JSON-P: Parsson's reader and writer, which loses number
 * text) and {@code parseAndWritePreserve} (our parse and write with a route that changes nothing).
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Djmh.include=RewriteBenchmark}; add
 * {@code -Djmh.args="-f 1 -wi 3 -i 5 -w 1s -r 2s -prof gc"} for allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class RewriteBenchmark {

    private byte[] request;
    private byte[] asciiRequest;
    private byte[] prettyRequest;
    private ClientRequestBody parsed;
    private RouteConfig opus;
    private RouteConfig sonnet;
    private RouteConfig passThrough;
    private RequestRewriter rewriter;

    @Setup
    public void setUp() {
        request = ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT);
        parsed = ClientRequestBody.parse(request);
        // the same request with every non-ASCII character replaced: English-only prompts and tools
        asciiRequest = new String(request, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("[^\\x00-\\x7F]", "x").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the same request pretty-printed: a client that does not send compact JSON (Python's
        // json.dumps puts a space after every colon); every value is then rewritten, none copied raw
        prettyRequest = pretty(request);
        opus = TestRoutes.opus();
        sonnet = TestRoutes.sonnet();
        passThrough = TestRoutes.passThrough();
        rewriter = new RequestRewriter();
    }

    /** Floor: copying the body once. */
    @Benchmark
    public byte[] copyBaseline() {
        return request.clone();
    }

    /** Stock JSON-P round trip (Parsson reader + writer), for comparison with our parse + write. */
    @Benchmark
    public byte[] parssonReadWriteBaseline() {
        JsonObject tree;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(request))) {
            tree = reader.readObject();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(request.length + 1024);
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(tree);
        }
        return out.toByteArray();
    }

    /** Parsing and validating only (what every request pays, count_tokens included). */
    @Benchmark
    public ClientRequestBody parseOnly() {
        return ClientRequestBody.parse(request);
    }

    /** Parsing an ASCII-only body of the same shape (most real prompts and tool descriptions). */
    @Benchmark
    public ClientRequestBody parseOnlyAscii() {
        return ClientRequestBody.parse(asciiRequest);
    }

    /** Our parse + write with a route that changes nothing. */
    @Benchmark
    public byte[] parseAndWritePreserve() {
        return rewriter.rewrite(ClientRequestBody.parse(request), passThrough);
    }

    /** The opus route of the default table: model swap, cache_control stripped, placeholder thinking. */
    @Benchmark
    public byte[] parseAndRewriteOpus() {
        return rewriter.rewrite(ClientRequestBody.parse(request), opus);
    }

    /** The sonnet route: model swap, cache_control stripped, thinking stripped and disabled. */
    @Benchmark
    public byte[] parseAndRewriteSonnet() {
        return rewriter.rewrite(ClientRequestBody.parse(request), sonnet);
    }

    /** The sonnet route on the pretty-printed body: the whitespace goes, the rest as for compact input. */
    @Benchmark
    public byte[] parseAndRewriteSonnetPretty() {
        return rewriter.rewrite(ClientRequestBody.parse(prettyRequest), sonnet);
    }

    private static byte[] pretty(byte[] compact) {
        JsonObject tree;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(compact))) {
            tree = reader.readObject();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(compact.length * 2);
        try (JsonWriter writer = Json.createWriterFactory(
                java.util.Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(tree);
        }
        return out.toByteArray();
    }

    /** Rewriting an already parsed body again, as a fallback route does. */
    @Benchmark
    public byte[] rewriteOpusParsed() {
        return rewriter.rewrite(parsed, opus);
    }
}
