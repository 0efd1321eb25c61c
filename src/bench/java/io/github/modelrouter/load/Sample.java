package io.github.modelrouter.load;

/**
 * One finished exchange as the client saw it.
 *
 * @param firstEventNanos from sending to the first complete SSE event (first content for JSON); -1 if none
 * @param totalNanos from sending to the end of the answer
 * @param problem null when the answer was complete and well-formed, else what was wrong
 */
record Sample(long firstEventNanos, long totalNanos, String problem) {

    boolean ok() {
        return problem == null;
    }
}
