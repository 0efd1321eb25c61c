#!/bin/sh
# Builds Model Router and runs it on the Jetty 12.1 distribution, in the foreground.
#
#   jetty-base/bin/run-jetty-base.sh [start.jar arguments...]
#
# 1. `mvn -Pjetty-dist package` builds target/model-router.war and unpacks jetty-home (pinned in
#    pom.xml, taken from Maven Central through Maven) into target/jetty-home/.
# 2. The WAR is copied to jetty-base/webapps/model-router.war, where webapps/model-router.xml
#    deploys it (git ignores it; each run copies the WAR just built, so no stale copy runs).
# 3. exec replaces this shell with Jetty, so SIGTERM/SIGINT (Ctrl-C, systemd, docker stop) reach
#    Jetty itself: it stops accepting, drains in-flight streams for up to 30 s
#    (jetty-base/start.d/graceful.ini), undeploys the router and exits (status 143 after SIGTERM,
#    130 after SIGINT: the JVM's status for a clean shutdown on a signal).
#
# Environment: PROXY_PORT (default 9099), the routes' keys (DEEPSEEK_API_KEY, KIMI_API_KEY,
# MINIMAX_API_KEY), any ROUTER_* override, MP_CONFIG_PROFILE=demo for the keyless demo.
# Arguments are passed to start.jar, after the defaults, so they win: jetty.http.host=0.0.0.0
# listens on every interface (the default is 127.0.0.1 only).
set -eu

cd "$(dirname "$0")/../.."
mvn -q -B -Pjetty-dist package
cp target/model-router.war jetty-base/webapps/model-router.war

# The router's demo profile points its routes at http://127.0.0.1:${PROXY_PORT:-9099}: export the
# port so the router and Jetty agree on it.
PROXY_PORT="${PROXY_PORT:-9099}"
export PROXY_PORT

exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar target/jetty-home/start.jar \
    jetty.base=jetty-base \
    jetty.http.port="$PROXY_PORT" \
    "$@"
