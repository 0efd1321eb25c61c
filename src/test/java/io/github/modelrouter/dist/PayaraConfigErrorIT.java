package io.github.modelrouter.dist;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** A configuration error on Payara: the deploy command fails with the router's message in the server's log. */
@EnabledIfSystemProperty(named = "router.dist.payara.home", matches = ".+",
        disabledReason = "Payara not unpacked: mvn verify -Ppayara-dist")
class PayaraConfigErrorIT extends DistributionConfigErrorTest {

    @Override
    Distribution distribution() {
        return new PayaraDistribution(DistSettings.distribution("router.dist.payara.home", "payara-dist"), DistSettings.war());
    }
}
