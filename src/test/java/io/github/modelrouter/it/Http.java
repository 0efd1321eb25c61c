package io.github.modelrouter.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for integration tests: real requests to the deployed router on 127.0.0.1. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    public static HttpClient client() {
        return CLIENT;
    }

    public static URI uri(URL base, String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    public static HttpRequest.Builder post(URL base, String path, String json) {
        return HttpRequest.newBuilder(uri(base, path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            try {
                return CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // A pooled keep-alive connection the server closed as the request went out on it
                // (the JDK client says "received no bytes"): sent again, once. The integration
                // tests' JDK clients keep connections 5 s (pom.xml, jdk.httpclient.keepalive.timeout),
                // below the containers' idle timeouts, which makes this rare; any other failure,
                // or a second one, fails.
                if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                    throw e;
                }
                return CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(URL base, String path) {
        return send(HttpRequest.newBuilder(uri(base, path)).timeout(Duration.ofSeconds(30)).GET());
    }

    /**
     * Waits until {@code /health} reports no request in flight: permits return when each
     * exchange's async cycle completes, just after its client has the answer.
     */
    public static void awaitNothingInFlight(URL base) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!get(base, "/health").body().contains("\"in_flight\":0,\"max_concurrent\"")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("requests still in flight after 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** A minimal messages body. */
    public static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    }
}
