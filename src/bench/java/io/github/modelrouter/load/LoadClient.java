package io.github.modelrouter.load;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load client: one non-blocking Jetty {@link HttpClient} (HTTP/1.1, keep-alive) shared by every
 * phase, with pools large enough for thousands of concurrent streams to one address. Requests
 * carry the headers Claude Code sends, so direct and proxied requests are byte-for-byte alike.
 */
final class LoadClient implements AutoCloseable {

    private final HttpClient http;

    private LoadClient(HttpClient http) {
        this.http = http;
    }

    static LoadClient start(int maxConnectionsPerAddress) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("client");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(maxConnectionsPerAddress);
        http.setMaxRequestsQueuedPerDestination(maxConnectionsPerAddress * 2);
        http.setConnectTimeout(TimeUnit.SECONDS.toMillis(15));
        http.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        http.start();
        // no Accept-Encoding: gzip, as the SDKs' streaming requests
        http.getContentDecoderFactories().clear();
        return new LoadClient(http);
    }

    /** A {@code POST} of {@code body} to {@code uri} with Claude Code's headers, not yet sent. */
    Request post(URI uri, byte[] body) {
        return http.newRequest(uri)
                .method(HttpMethod.POST)
                .headers(headers -> headers
                        .put("x-api-key", "sk-bench-client")
                        .put("anthropic-version", "2023-06-01")
                        .put("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,"
                                + "context-management-2025-06-27,prompt-caching-scope-2026-01-05")
                        .put("user-agent", "claude-cli/2.1.197 (external, sdk-cli)")
                        .put("x-app", "cli")
                        .put("accept", "application/json"))
                .body(new BytesRequestContent("application/json", body));
    }

    @Override
    public void close() throws Exception {
        http.stop();
    }
}
