package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.ToolPolicy;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.route.RequestFacts;
import java.util.List;

/**
 * The facts routing rules ask of one request, read from its scanned body and the client's
 * headers. The token estimate and the image count come from one {@link TokenEstimator} walk, made
 * the first time a rule asks for either and kept; the other facts look at one top-level member.
 * Confined to the request thread that routes it.
 */
public final class BodyFacts implements RequestFacts {

    private final ClientRequestBody body;
    private final ClientHeaders headers;
    private final TokenEstimator estimator;
    private TokenEstimator.Estimate estimate;

    public BodyFacts(ClientRequestBody body, ClientHeaders headers, TokenEstimator estimator) {
        this.body = body;
        this.headers = headers;
        this.estimator = estimator;
    }

    @Override
    public String model() {
        return body.model();
    }

    @Override
    public List<String> header(String lowerCaseName) {
        return headers.values(lowerCaseName);
    }

    @Override
    public long estimatedInputTokens() {
        return estimate().inputTokens();
    }

    @Override
    public boolean hasImage() {
        return estimate().images() > 0;
    }

    private TokenEstimator.Estimate estimate() {
        if (estimate == null) {
            estimate = estimator.estimate(body);
        }
        return estimate;
    }

    /** Thinking is on when {@code thinking} is an object whose {@code type} is not {@code disabled} ({@code enabled}, {@code adaptive}). */
    @Override
    public boolean thinkingEnabled() {
        JsonSpan thinking = body.spans().get("thinking");
        if (thinking == null || !thinking.isObject()) {
            return false;
        }
        String type = thinking.stringMember("type");
        return type != null && !type.equals("disabled");
    }

    @Override
    public boolean hasTool(String nameOrType) {
        JsonSpan tools = body.spans().get("tools");
        if (tools == null || !tools.isArray()) {
            return false;
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonSpan tool = tools.value(i);
            if (!tool.isObject()) {
                continue;
            }
            String name = tool.stringMember("name");
            String type = tool.stringMember("type");
            if (nameOrType.equals(name) || (type != null && ToolPolicy.sameToolType(type, nameOrType))) {
                return true;
            }
        }
        return false;
    }
}
