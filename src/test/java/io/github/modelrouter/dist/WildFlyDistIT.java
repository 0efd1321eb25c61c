package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.Http;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The smoke check on WildFly 39 (wildfly-dist from Maven Central), plus the server's own
 * MicroProfile Config source reaching the router: in every `mvn verify` (dist-smoke), or -Pwildfly-dist.
 */
@EnabledIfSystemProperty(named = "router.dist.wildfly.home", matches = ".+",
        disabledReason = "WildFly not unpacked: mvn verify -Pwildfly-dist")
class WildFlyDistIT extends DistributionSmokeTest {

    @Override
    Distribution distribution() {
        return new WildFlyDistribution(DistSettings.distribution("router.dist.wildfly.home", "wildfly-dist"), DistSettings.war());
    }

    @Test
    @Order(1)
    void aConfigSourceOfTheServerReachesTheRouter() {
        String body = Http.get(base(), "/health").body();
        assertTrue(body.contains("\"model\":\"" + WildFlyDistribution.SERVER_SOURCE_MODEL + "\""), body);
    }
}
