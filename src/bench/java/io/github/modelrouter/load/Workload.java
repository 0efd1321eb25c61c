package io.github.modelrouter.load;

import java.net.URI;

/** What one kind of request is: where it goes, its body, and whether it asks for a stream. */
record Workload(String name, URI uri, byte[] body, boolean streamed) {
}
