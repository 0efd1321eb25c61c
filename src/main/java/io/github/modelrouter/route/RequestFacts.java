package io.github.modelrouter.route;

import java.util.List;

/**
 * What routing rules may ask of one request. The rewrite package answers it over the scanned body
 * and the client's headers; facts that cost a walk over the whole body (the token estimate, the
 * image scan) are computed only when a rule asks, and once. Used on one request thread.
 */
public interface RequestFacts {

    /** The request's model, as sent. */
    String model();

    /** All values of a header, empty when absent. */
    List<String> header(String lowerCaseName);

    /** The estimated input tokens (the local count_tokens estimate). May walk the whole body. */
    long estimatedInputTokens();

    /** Whether any block of the request is an image. May walk the whole body. */
    boolean hasImage();

    /** Whether the request turns thinking on. */
    boolean thinkingEnabled();

    /** Whether {@code tools} has an entry of that name, that type, or a versioned form of that type. */
    boolean hasTool(String nameOrType);
}
