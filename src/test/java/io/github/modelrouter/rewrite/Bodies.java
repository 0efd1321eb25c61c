package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for tests: bodies from strings, rewritten bodies as strings and trees. */
final class Bodies {

    private Bodies() {
    }

    static ClientRequestBody parse(String json) {
        return ClientRequestBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static String rewrite(String json, RouteConfig route) {
        return new String(new RequestRewriter().rewrite(parse(json), route), StandardCharsets.UTF_8);
    }

    /** A tree read by the test oracle's reader (lexical numbers). */
    static JsonObject tree(String json) {
        return JsonTreeReader.readObject(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole body as an unmodifiable tree, members in the client's order (the oracle's reading). */
    static JsonObject tree(ClientRequestBody body) {
        return JsonTreeReader.readObject(body.spans().source());
    }

    /** Whether the production scanner accepts the bytes as a JSON object. */
    static boolean scannerAccepts(byte[] bytes) {
        JsonSpan root = JsonScanner.tryParse(bytes, 0, bytes.length);
        return root != null && root.isObject();
    }

    /** A tree read by Parsson's stock reader: an independent check that output is valid JSON. */
    static JsonObject parssonTree(byte[] json) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readObject();
        }
    }
}
