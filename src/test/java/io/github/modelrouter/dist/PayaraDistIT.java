package io.github.modelrouter.dist;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The smoke check on Payara Server 6 (fish.payara.distributions:payara from Maven Central): `mvn verify -Ppayara-dist`. */
@EnabledIfSystemProperty(named = "router.dist.payara.home", matches = ".+",
        disabledReason = "Payara not unpacked: mvn verify -Ppayara-dist")
class PayaraDistIT extends DistributionSmokeTest {

    @Override
    Distribution distribution() {
        return new PayaraDistribution(DistSettings.distribution("router.dist.payara.home", "payara-dist"), DistSettings.war());
    }
}
