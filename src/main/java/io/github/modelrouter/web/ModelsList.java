package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.stream.AnthropicError;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the routes as an Anthropic models list,
 * in Anthropic's paginated shape ({@code data}, {@code has_more}, {@code first_id},
 * {@code last_id}; {@code limit}, {@code after_id}, {@code before_id}). Each route is listed
 * under the ids it advertises ({@code router.route.<r>.advertise}, default {@code claude-<r>}):
 * they contain {@code claude}, which Claude Code's gateway model discovery requires, and a request
 * naming one reaches that route (the route table matches advertised ids exactly, first).
 *
 * <p>Order is the routes' order, then each route's advertise order. Built once from the
 * configuration; immutable, so one instance serves every request thread.
 */
final class ModelsList {

    /** Fixed: the routes have no creation date, and a stable value keeps clients' caches stable. */
    private static final String CREATED_AT = "2025-01-01T00:00:00Z";
    /** Anthropic's default and largest page sizes. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final List<String> ids;
    private final List<JsonObject> entries;

    ModelsList(RouterConfig config) {
        List<String> allIds = new ArrayList<>();
        List<JsonObject> allEntries = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            for (String id : route.advertise()) {
                allIds.add(id);
                allEntries.add(entry(route, id));
            }
        }
        this.ids = List.copyOf(allIds);
        this.entries = List.copyOf(allEntries);
    }

    /** One page: indexes {@code [from, to)} of the list, and whether more lie beyond it in the paging direction. */
    record Page(int from, int to, boolean hasMore) {
    }

    /**
     * The page a request asks for: after {@code afterId} (the next {@code limit}), before
     * {@code beforeId} (the {@code limit} just before it), both (the first {@code limit} between
     * them), or from the start.
     *
     * @param ids every listed id, in order
     * @throws IllegalArgumentException naming the parameter, for an id not listed or a limit out of range
     */
    static Page page(List<String> ids, String limitText, String afterId, String beforeId) {
        int limit = limit(limitText);
        int from = afterId == null ? 0 : position(ids, afterId, "after_id") + 1;
        int to = beforeId == null ? ids.size() : position(ids, beforeId, "before_id");
        if (to < from) {
            return new Page(from, from, false);
        }
        if (beforeId != null && afterId == null) {
            int start = Math.max(from, to - limit);
            return new Page(start, to, start > from);
        }
        int end = Math.min(to, from + limit);
        return new Page(from, end, end < to);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("limit: expected a whole number from 1 to " + MAX_LIMIT);
    }

    private static int position(List<String> ids, String id, String parameter) {
        int index = ids.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException(parameter + ": '" + id + "' is not a model id listed by /v1/models");
        }
        return index;
    }

    void writeList(HttpServletRequest clientRequest, HttpServletResponse clientResponse, boolean headOnly) throws IOException {
        Page page;
        try {
            page = page(ids, clientRequest.getParameter("limit"), clientRequest.getParameter("after_id"),
                    clientRequest.getParameter("before_id"));
        } catch (IllegalArgumentException e) {
            ErrorResponses.send(clientResponse, AnthropicError.Type.INVALID_REQUEST.error(e.getMessage()));
            return;
        }
        JsonArrayBuilder data = Json.createArrayBuilder();
        entries.subList(page.from(), page.to()).forEach(data::add);
        JsonObjectBuilder list = Json.createObjectBuilder().add("data", data).add("has_more", page.hasMore());
        if (page.to() > page.from()) {
            list.add("first_id", ids.get(page.from())).add("last_id", ids.get(page.to() - 1));
        } else {
            list.addNull("first_id").addNull("last_id");
        }
        write(clientResponse, list.build().toString().getBytes(StandardCharsets.UTF_8), headOnly);
    }

    void writeOne(HttpServletResponse clientResponse, String id, boolean headOnly) throws IOException {
        int index = ids.indexOf(id);
        if (index < 0) {
            ErrorResponses.send(clientResponse, AnthropicError.Type.NOT_FOUND.error(
                    "model '" + id + "' is not listed by Model Router's /v1/models"));
            return;
        }
        write(clientResponse, entries.get(index).toString().getBytes(StandardCharsets.UTF_8), headOnly);
    }

    private static JsonObject entry(RouteConfig route, String id) {
        String served = route.modelId().isEmpty() ? "the client's model" : route.modelId();
        return Json.createObjectBuilder()
                .add("type", "model")
                .add("id", id)
                .add("display_name", route.name() + " \u2192 " + route.label() + " (" + served + ")")
                .add("created_at", CREATED_AT)
                // the SDKs' ModelInfo (anthropic-java 3.x) reads lifecycle as a required field
                .add("lifecycle", "active")
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
