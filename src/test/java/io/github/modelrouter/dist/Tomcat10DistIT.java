package io.github.modelrouter.dist;

/** The smoke check on the Tomcat 10.1 distribution (in every `mvn verify`, profile dist-smoke). */
class Tomcat10DistIT extends DistributionSmokeTest {

    @Override
    Distribution distribution() {
        return new TomcatDistribution(DistSettings.distribution("router.dist.tomcat10.home", "dist-smoke"), DistSettings.war());
    }

    @Override
    boolean refusalsBeforeTheWebAppGetTheEnvelope() {
        return true;
    }
}
