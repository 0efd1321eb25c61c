package io.github.modelrouter.web;

import io.github.modelrouter.rewrite.RejectedFieldDetector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * An upstream 400 held back from the client while it is read for a field the upstream rejects
 * ({@code learn-rejected-fields}): its head and the first {@link RejectedFieldDetector#MAX_BODY_BYTES}
 * of its body. Nothing of it reaches the client unless the router decides to pass it on, so a
 * retry without the field is still possible. Used by one attempt's callbacks, on the reactor, one
 * at a time.
 */
final class RejectionProbe {

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);

    RejectionProbe(int status, List<Map.Entry<String, String>> headers) {
        this.status = status;
        this.headers = List.copyOf(headers);
    }

    /** Takes a chunk; false (and the chunk still taken) once the body is longer than an error body is. */
    boolean add(ByteBuffer chunk) {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        body.writeBytes(bytes);
        return body.size() <= RejectedFieldDetector.MAX_BODY_BYTES;
    }

    int status() {
        return status;
    }

    List<Map.Entry<String, String>> headers() {
        return headers;
    }

    byte[] body() {
        return body.toByteArray();
    }
}
