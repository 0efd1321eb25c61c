package io.github.modelrouter.dist;

/** The smoke check on the Jetty 12.1 distribution: jetty-home from Maven Central + this repository's jetty-base/. */
class JettyDistIT extends DistributionSmokeTest {

    @Override
    Distribution distribution() {
        return new JettyDistribution(
                DistSettings.distribution("router.dist.jetty.home", "dist-smoke"),
                DistSettings.distribution("router.dist.jetty.base", "dist-smoke"),
                DistSettings.war());
    }

    @Override
    boolean refusalsBeforeTheWebAppGetTheEnvelope() {
        return true;
    }
}
