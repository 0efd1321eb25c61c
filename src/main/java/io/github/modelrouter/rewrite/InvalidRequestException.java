package io.github.modelrouter.rewrite;

/**
 * The client's request cannot be forwarded; answered with 400 {@code invalid_request_error}.
 * The message is safe to show the client: it names the problem (for example {@code model: field
 * required}) and never echoes secrets or large parts of the body.
 *
 * <p>It carries no stack trace: it reports bad input, not a bug, and a client sending garbage
 * in a loop should not make the proxy walk stacks.
 */
public final class InvalidRequestException extends RuntimeException {

    /** @param message client-safe description of what is wrong with the request */
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
