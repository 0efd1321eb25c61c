package io.github.modelrouter.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Real MicroProfile configurations for tests, built with SmallRye from key/value pairs. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** A config holding exactly these pairs: key1, value1, key2, value2, ... */
    static Config config(String... keysAndValues) {
        return config(pairs(keysAndValues));
    }

    static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }

    static Map<String, String> pairs(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
