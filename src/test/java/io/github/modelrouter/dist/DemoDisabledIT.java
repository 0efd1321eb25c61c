package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.FakeUpstream;
import io.github.modelrouter.it.Http;
import io.github.modelrouter.it.RouteProperties;
import io.github.modelrouter.it.RouterDeployment;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outside the demo profile the demo upstream does not exist: its servlet is not even registered,
 * so {@code /demo/...} is the router's ordinary 404 and nothing reaches an upstream.
 */
@ExtendWith(ArquillianExtension.class)
class DemoDisabledIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM));
    }

    @ArquillianResource
    URL base;

    @Test
    void demoMessagesAreNotFound() {
        for (String path : new String[] {"/demo/opus/v1/messages", "/demo/sonnet/v1/messages/count_tokens", "/demo/"}) {
            HttpResponse<String> response = Http.send(Http.post(base, path, Http.body("claude-opus-4-5", true)));
            assertEquals(404, response.statusCode(), path + ": " + response.body());
            assertTrue(response.body().contains("\"not_found_error\""), response.body());
        }
        assertTrue(UPSTREAM.received().isEmpty(), "nothing was forwarded: " + UPSTREAM.received());
    }
}
