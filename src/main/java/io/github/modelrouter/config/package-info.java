/**
 * Configuration: MicroProfile Config in, an immutable, validated {@link
 * io.github.modelrouter.config.RouterConfig} out. {@link io.github.modelrouter.config.RouterConfigLoader}
 * reads every {@code router.*} key, applies the documented defaults (README, "Configuration"), looks API keys up in the
 * environment and reports every problem at once in a
 * {@link io.github.modelrouter.config.ConfigValidationException}; the records and enums here are the
 * values the rest of the router works with. Routing rules ({@link io.github.modelrouter.config.RoutingRule},
 * {@link io.github.modelrouter.config.RuleCondition}) are parsed and validated here and evaluated in
 * {@code route}; {@link io.github.modelrouter.config.ModelMatcher} is the one model-matching rule
 * both a route's {@code match} and a rule's {@code model:} use; provider presets
 * ({@link io.github.modelrouter.config.ProviderPreset}) are applied before a route's own keys.
 *
 * <p>May import: the JDK and {@code org.eclipse.microprofile.config} only (SmallRye only in tests).
 * Nothing here does network I/O or keeps static mutable state; credentials are held in
 * {@link io.github.modelrouter.config.Secret}, whose {@code toString} never shows them.
 */
package io.github.modelrouter.config;
