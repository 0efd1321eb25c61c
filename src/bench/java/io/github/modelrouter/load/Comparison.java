package io.github.modelrouter.load;

/** The same measurement taken directly (client → upstream) and through the proxy, in one run. */
record Comparison(Samples direct, Samples proxied) {

    static Comparison empty() {
        return new Comparison(new Samples(), new Samples());
    }

    int failures() {
        return direct.failures() + proxied.failures();
    }
}
