package io.github.modelrouter.load;

/** A phase did not finish within its deadline: requests or streams stopped making progress. */
final class StallException extends RuntimeException {

    StallException(String message) {
        super(message);
    }
}
