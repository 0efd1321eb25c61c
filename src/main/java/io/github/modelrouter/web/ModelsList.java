package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.stream.AnthropicError;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /v1/models}: the configured routes as an Anthropic models list. Each route appears
 * under its name (which, by default, is also its match keyword, so the id routes back to it), with
 * the upstream and model it is served by as the display name.
 */
final class ModelsList {

    /** Fixed: the routes have no creation date, and a stable value keeps clients' caches stable. */
    private static final String CREATED_AT = "2025-01-01T00:00:00Z";

    private final List<RouteConfig> routes;
    private final byte[] listBody;

    ModelsList(RouterConfig config) {
        this.routes = config.routes();
        JsonArrayBuilder data = Json.createArrayBuilder();
        routes.forEach(route -> data.add(entry(route)));
        JsonObject list = Json.createObjectBuilder()
                .add("data", data)
                .add("has_more", false)
                .add("first_id", routes.isEmpty() ? "" : routes.get(0).name())
                .add("last_id", routes.isEmpty() ? "" : routes.get(routes.size() - 1).name())
                .build();
        this.listBody = list.toString().getBytes(StandardCharsets.UTF_8);
    }

    void writeList(HttpServletResponse clientResponse, boolean headOnly) throws IOException {
        write(clientResponse, listBody, headOnly);
    }

    void writeOne(HttpServletResponse clientResponse, String id, boolean headOnly) throws IOException {
        for (RouteConfig route : routes) {
            if (route.name().equals(id)) {
                write(clientResponse, entry(route).toString().getBytes(StandardCharsets.UTF_8), headOnly);
                return;
            }
        }
        ErrorResponses.send(clientResponse, AnthropicError.Type.NOT_FOUND.error("model '" + id + "' is not a route of Model Router"));
    }

    private static JsonObject entry(RouteConfig route) {
        String served = route.modelId().isEmpty() ? "the client's model" : route.modelId();
        return Json.createObjectBuilder()
                .add("type", "model")
                .add("id", route.name())
                .add("display_name", route.name() + " \u2192 " + route.label() + " (" + served + ")")
                .add("created_at", CREATED_AT)
                .build();
    }

    private static void write(HttpServletResponse clientResponse, byte[] body, boolean headOnly) throws IOException {
        clientResponse.setStatus(200);
        clientResponse.setContentType("application/json");
        clientResponse.setContentLength(body.length);
        if (!headOnly) {
            clientResponse.getOutputStream().write(body);
        }
    }
}
