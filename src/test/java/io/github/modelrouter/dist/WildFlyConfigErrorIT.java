package io.github.modelrouter.dist;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** A configuration error on WildFly: the deployment fails with the router's message in the server's log. */
@EnabledIfSystemProperty(named = "router.dist.wildfly.home", matches = ".+",
        disabledReason = "WildFly not unpacked: mvn verify -Pwildfly-dist")
class WildFlyConfigErrorIT extends DistributionConfigErrorTest {

    @Override
    Distribution distribution() {
        return new WildFlyDistribution(DistSettings.distribution("router.dist.wildfly.home", "wildfly-dist"), DistSettings.war());
    }
}
