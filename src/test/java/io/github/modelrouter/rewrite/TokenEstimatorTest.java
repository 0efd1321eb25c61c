package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture.Shape;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    private final TokenEstimator estimator = new TokenEstimator();

    @Test
    void countsStringsAndMemberNamesOfMessagesInUtf8BytesOverFour() {
        // "role"(4) + "user"(4) + "content"(7) + "hello world!"(12) = 27 bytes -> 7 tokens (rounded up)
        assertEquals(7, estimate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world!\"}]}"));
    }

    @Test
    void onlySystemMessagesAndToolsCount() {
        long small = estimate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        long withOthers = estimate("{\"model\":\"m\",\"metadata\":{\"user_id\":\"" + "x".repeat(4000) + "\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":32000}");
        assertEquals(small, withOthers);
        assertEquals(small + 1000, estimate("{\"model\":\"m\",\"system\":\"" + "s".repeat(4000) + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }

    @Test
    void multiByteTextCountsItsUtf8Bytes() {
        // 4 CJK characters: 12 bytes; "text"(4)+"type"(4) names; "text" type value not counted -> 20 bytes -> 5
        assertEquals(5, estimate("{\"model\":\"m\",\"system\":[{\"type\":\"text\",\"text\":\"日本語数\"}]}"));
        assertEquals(4, TokenEstimator.utf8Length("🚀"));
        assertEquals(12, TokenEstimator.utf8Length("日本語数"));
        assertEquals(3, TokenEstimator.utf8Length("\ud800")); // a lone surrogate: 3, like any other BMP char
    }

    @Test
    void signaturesBase64DataAndCacheControlDoNotCountImagesCountFlat() {
        String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[%s]}]}";
        long plain = estimate(base.formatted("{\"type\":\"thinking\",\"thinking\":\"abcd\",\"signature\":\"\"}"));
        long signed = estimate(base.formatted("{\"type\":\"thinking\",\"thinking\":\"abcd\",\"signature\":\""
                + "S".repeat(4000) + "\",\"cache_control\":{\"type\":\"ephemeral\"}}"));
        assertEquals(plain, signed);
        long image = estimate(base.formatted("{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"" + "A".repeat(100_000) + "\"}}"));
        assertTrue(image >= TokenEstimator.IMAGE_TOKENS && image < TokenEstimator.IMAGE_TOKENS + 20, "image " + image);
    }

    @Test
    void schemaPropertiesNamedTypeOrDataAreCounted() {
        long without = estimate("{\"model\":\"m\",\"tools\":[{\"name\":\"t\",\"input_schema\":{\"properties\":{}}}]}");
        long with = estimate("{\"model\":\"m\",\"tools\":[{\"name\":\"t\",\"input_schema\":{\"properties\":"
                + "{\"type\":{\"description\":\"" + "d".repeat(400) + "\"}}}}]}");
        assertTrue(with >= without + 100, with + " vs " + without);
    }

    @Test
    void atLeastOne() {
        assertEquals(1, estimate("{\"model\":\"m\"}"));
        assertEquals(1, estimate("{\"model\":\"m\",\"messages\":[]}"));
    }

    @Test
    void largeClaudeCodeRequestIsInARealisticRange() {
        ClientRequestBody body = ClientRequestBody.parse(ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT));
        long tokens = estimator.estimateInputTokens(body);
        // 300 KB of English, code and schemas: Anthropic counts roughly 65-90 k tokens for such a body
        assertTrue(tokens > 50_000 && tokens < 100_000, "tokens " + tokens);
    }

    @Test
    void countTokensResponseIsTheAnthropicShape() {
        ClientRequestBody body = Bodies.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world!\"}]}");
        assertEquals("{\"input_tokens\":7}", new String(estimator.countTokensResponse(body), StandardCharsets.UTF_8));
    }

    private long estimate(String json) {
        return estimator.estimateInputTokens(Bodies.parse(json));
    }
}
