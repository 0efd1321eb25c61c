package io.github.modelrouter.it;

/**
 * How one soak request ended, against what its {@link FaultCase} says it must. Everything but
 * {@link #SERVED} and {@link #FAULTED} fails the soak; each is counted and reported on its own.
 */
enum SoakVerdict {
    /** A whole answer, byte-exact to what the upstream sent for this request. */
    SERVED("answers served"),
    /** A faulted exchange that ended with its error. */
    FAULTED("faulted exchanges ended with their error"),
    /** An answer that should have completed and did not (an error, a broken connection). */
    LOST("answers lost"),
    /** Looked whole (well framed, 200, no error event) but is not what the upstream sent. */
    CORRUPTED("answers corrupted"),
    /**
     * A non-streamed answer cut short by an upstream failure after its first byte left, which the
     * router ended with a clean last chunk instead of aborting the connection (SPEC "An open port
     * is a target"; {@code web/AbortServlet} does it). Told apart from {@link #CORRUPTED} by the
     * router's access-log outcome, which names the failure.
     */
    CUT_SHORT_ENDED_CLEAN("cut short but ended clean"),
    /** A faulted exchange that ended otherwise than its fault says (another error, or looking whole). */
    WRONG_ENDING("faulted exchanges ending otherwise");

    final String label;

    SoakVerdict(String label) {
        this.label = label;
    }

    boolean failed() {
        return this != SERVED && this != FAULTED;
    }

    /**
     * The verdict on {@code outcome} (as {@link FaultCase} writes outcomes, {@code CORRUPT} for a
     * whole-looking answer that differs) where {@code expected} was due; {@code routerOutcome} is
     * the access-log {@code outcome=} of the request, or "" if unknown.
     */
    static SoakVerdict of(boolean faulted, boolean streamed, String expected, String outcome, String routerOutcome) {
        if (outcome.equals(expected)) {
            return faulted ? FAULTED : SERVED;
        }
        if (outcome.startsWith("CORRUPT")) {
            return !streamed && !routerOutcome.isEmpty() && !routerOutcome.equals("ok") ? CUT_SHORT_ENDED_CLEAN
                    : CORRUPTED;
        }
        return expected.equals("COMPLETE") ? LOST : WRONG_ENDING;
    }
}
