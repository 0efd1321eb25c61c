package io.github.modelrouter.dist;

/** A configuration error on the installed Jetty distribution: Jetty exits non-zero with the router's message. */
class JettyConfigErrorDistIT extends DistributionConfigErrorTest {

    @Override
    Distribution distribution() {
        return new JettyDistribution(
                DistSettings.distribution("router.dist.jetty.home", "dist-smoke"),
                DistSettings.distribution("router.dist.jetty.base", "dist-smoke"),
                DistSettings.war());
    }
}
