/**
 * State that replicas of the router share: budgets and rate windows of named clients, key
 * cool-downs, avoided routes and session stickiness, behind the small
 * {@link io.github.modelrouter.state.RouterState} interface. {@link
 * io.github.modelrouter.state.MemoryRouterState} keeps it in this process (the default);
 * {@link io.github.modelrouter.state.RedisRouterState} shares it through Redis with Lettuce's async
 * API and falls back on local state while Redis is unreachable.
 *
 * <p>May import: the JDK, {@code io.github.modelrouter.config}, and {@code io.lettuce} (the only
 * importer of Lettuce). No servlet or HTTP client types.
 */
package io.github.modelrouter.state;
