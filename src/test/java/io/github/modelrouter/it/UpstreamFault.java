package io.github.modelrouter.it;

/**
 * What the {@link FaultyUpstream} does with a request. Streamed requests get SSE in chunked
 * framing, others JSON with a {@code content-length}, unless a fault says otherwise.
 */
public enum UpstreamFault {
    /** A small complete answer. */
    ANSWER,
    /** A 4 MB complete answer: more than any buffer on the way, so it is committed early. */
    LARGE,
    /** A 50 MB complete answer. */
    FIFTY_MB,
    /** Reads the request, then resets the connection (SO_LINGER 0 + close). */
    RESET_BEFORE_HEAD,
    /** Reads the request and sends nothing until the router leaves. */
    STALL_BEFORE_HEAD,
    /** The head and the first bytes of the body, then a reset. */
    RESET_MID_BODY,
    /** The head and the first bytes of the body, then silence until the router leaves. */
    STALL_MID_BODY,
    /** Chunked: the first bytes, then a chunk that promises 1000 bytes, 100 of them, and a clean close. */
    CUT_MID_CHUNK,
    /** 2 MB without a single newline (SSE: one endless line; JSON: passed through). */
    NO_NEWLINES,
    /** SSE: one event of 1.5 MB, over the router's 1 MiB event limit (JSON: 1.5 MB passed through). */
    EVENT_OVER_LIMIT,
    /** 2 MB of the answer (JSON: of a declared 4 MB), then a reset. */
    LARGE_THEN_RESET,
    /** A small piece every 20 ms, never ending, until the router leaves. */
    DRIP
}
