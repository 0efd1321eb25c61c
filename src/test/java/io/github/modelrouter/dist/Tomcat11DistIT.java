package io.github.modelrouter.dist;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The smoke check on the Tomcat 11 distribution (in every `mvn verify`, profile dist-smoke; or -Ptomcat11-dist). */
@EnabledIfSystemProperty(named = "router.dist.tomcat11.home", matches = ".+",
        disabledReason = "Tomcat 11 distribution not unpacked: mvn verify -Ptomcat11-dist")
class Tomcat11DistIT extends DistributionSmokeTest {

    @Override
    Distribution distribution() {
        return new TomcatDistribution(DistSettings.distribution("router.dist.tomcat11.home", "tomcat11-dist"), DistSettings.war());
    }

    @Override
    boolean refusalsBeforeTheWebAppGetTheEnvelope() {
        return true;
    }
}
