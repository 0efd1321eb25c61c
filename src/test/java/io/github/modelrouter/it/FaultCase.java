package io.github.modelrouter.it;

/**
 * One row of the fault matrix: which route (and so which timeouts), what the upstream does, what
 * the client does, and what the client must see, streamed and not. Outcomes are written as the
 * report shows them: {@code COMPLETE} (well framed, byte-exact to what the upstream sent),
 * {@code <status> <error type>} (the Anthropic envelope, before commit), {@code SSE <error type>}
 * (an {@code error} event ends a begun stream), {@code ABORTED} (the connection broke off before
 * the framing said the body was whole), {@code CANCELLED} (the client left; the upstream exchange
 * and the permit must follow within about a second).
 */
enum FaultCase {
    ANSWER("fault", UpstreamFault.ANSWER, Client.READ, "COMPLETE", "COMPLETE"),
    REFUSE("refuse", UpstreamFault.ANSWER, Client.READ, "502 api_error", "502 api_error"),
    RESET_BEFORE_HEAD("fault", UpstreamFault.RESET_BEFORE_HEAD, Client.READ, "502 api_error", "502 api_error"),
    STALL_BEFORE_HEAD("fault", UpstreamFault.STALL_BEFORE_HEAD, Client.READ, "504 timeout_error", "504 timeout_error"),
    RESET_MID_BODY("fault", UpstreamFault.RESET_MID_BODY, Client.READ, "SSE api_error", "502 api_error"),
    STALL_MID_BODY("fault", UpstreamFault.STALL_MID_BODY, Client.READ, "SSE timeout_error", "504 timeout_error"),
    CUT_MID_CHUNK("fault", UpstreamFault.CUT_MID_CHUNK, Client.READ, "SSE api_error", "502 api_error"),
    // the endless line fails the parser before any event, so before any byte reached the client
    NO_NEWLINES("fault", UpstreamFault.NO_NEWLINES, Client.READ, "502 api_error", "COMPLETE"),
    EVENT_OVER_LIMIT("fault", UpstreamFault.EVENT_OVER_LIMIT, Client.READ, "SSE api_error", "COMPLETE"),
    FIFTY_MB("fault", UpstreamFault.FIFTY_MB, Client.READ, "COMPLETE", "COMPLETE"),
    LARGE_THEN_RESET("fault", UpstreamFault.LARGE_THEN_RESET, Client.READ, "SSE api_error", "ABORTED"),
    SLOW_CLIENT("fault", UpstreamFault.LARGE, Client.READ_SLOWLY, "COMPLETE", "COMPLETE"),
    // the idle clock is paused while credit is withheld: the total timeout ends a client that stopped reading
    CLIENT_STOPS_READING("brief", UpstreamFault.FIFTY_MB, Client.STOP_READING, "CANCELLED", "CANCELLED"),
    CLIENT_CLOSES_DURING_UPLOAD("patient", UpstreamFault.ANSWER, Client.CLOSE_DURING_UPLOAD, "CANCELLED", "CANCELLED"),
    CLIENT_RESETS_DURING_UPLOAD("patient", UpstreamFault.ANSWER, Client.RESET_DURING_UPLOAD, "CANCELLED", "CANCELLED"),
    CLIENT_CLOSES_BEFORE_HEAD("patient", UpstreamFault.STALL_BEFORE_HEAD, Client.CLOSE_BEFORE_HEAD, "CANCELLED", "CANCELLED"),
    CLIENT_RESETS_BEFORE_HEAD("patient", UpstreamFault.STALL_BEFORE_HEAD, Client.RESET_BEFORE_HEAD, "CANCELLED", "CANCELLED"),
    CLIENT_CLOSES_MID_STREAM("patient", UpstreamFault.DRIP, Client.CLOSE_MID_STREAM, "CANCELLED", "CANCELLED"),
    CLIENT_RESETS_MID_STREAM("patient", UpstreamFault.DRIP, Client.RESET_MID_STREAM, "CANCELLED", "CANCELLED");

    /** The {@code fault} route's idle timeout. */
    static final int FAULT_IDLE_SECONDS = 1;
    /** The {@code brief} route's total timeout: what ends the exchange of a client that stopped reading. */
    static final int BRIEF_TOTAL_SECONDS = 5;

    /**
     * The router whose routes the cases name, all to {@code upstream}: {@code fault} may be silent
     * for 1 s, {@code patient} for 30 s, {@code brief} for 1 s and lasts 5 s in all, {@code refuse}
     * points at a closed port. The matrix and the
     * soak each deploy it against their own upstream.
     */
    static org.jboss.shrinkwrap.api.spec.WebArchive war(FaultyUpstream upstream) {
        return RouterDeployment.war(RouteProperties.none()
                .set("router.routes", "fault,patient,brief,refuse")
                .route("fault", upstream.url("fault")).with("idle-timeout", FAULT_IDLE_SECONDS).with("timeout", 30)
                        .with("connect-timeout", 2)
                .route("patient", upstream.url("patient")).with("idle-timeout", 30).with("timeout", 60)
                .route("brief", upstream.url("brief")).with("idle-timeout", 1).with("timeout", BRIEF_TOTAL_SECONDS)
                .route("refuse", "http://127.0.0.1:" + RouterDeployment.unusedPort() + "/nowhere"));
    }

    /** What the client does. */
    enum Client {
        READ, READ_SLOWLY, STOP_READING,
        CLOSE_DURING_UPLOAD, RESET_DURING_UPLOAD, CLOSE_BEFORE_HEAD, RESET_BEFORE_HEAD, CLOSE_MID_STREAM, RESET_MID_STREAM;

        boolean resets() {
            return name().startsWith("RESET");
        }
    }

    final String route;
    final UpstreamFault fault;
    final Client client;
    private final String streamed;
    private final String nonStreamed;

    FaultCase(String route, UpstreamFault fault, Client client, String streamed, String nonStreamed) {
        this.route = route;
        this.fault = fault;
        this.client = client;
        this.streamed = streamed;
        this.nonStreamed = nonStreamed;
    }

    /** The model that selects the route and, at the faulty upstream, the fault. */
    String model() {
        return route + "-" + fault.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    String expected(boolean stream) {
        return stream ? streamed : nonStreamed;
    }
}
