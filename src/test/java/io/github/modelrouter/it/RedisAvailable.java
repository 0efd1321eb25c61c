package io.github.modelrouter.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where a real Redis server can be had ({@link RedisServer#binary}); else
 * the class is reported as skipped with the reason, and a banner on stderr says so, so a missing
 * Redis is never a silent pass. Declare it before {@code ArquillianExtension}: conditions are
 * evaluated before anything is deployed.
 */
public final class RedisAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (RedisServer.binary().isPresent()) {
            return ConditionEvaluationResult.enabled("redis-server: " + RedisServer.binary().get());
        }
        String reason = "SKIPPED: no redis-server could be found or installed (" + RedisServer.whyNot()
                + "). Set REDIS_SERVER to a redis-server binary to run the shared-state tests.";
        System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                + "!!! " + context.getDisplayName() + " " + reason
                + "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
        return ConditionEvaluationResult.disabled(reason);
    }
}
