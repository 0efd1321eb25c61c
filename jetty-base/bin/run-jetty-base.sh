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
# MINIMAX_API_KEY), any ROUTER_* override, MP_CONFIG_PROFILE=demo for the keyless demo, and
# JAVA_OPTIONS: flags for Jetty's JVM only, split at spaces (as Jetty's own jetty.sh takes them),
# e.g. JAVA_OPTIONS='-Xms16m -XX:MaxHeapFreeRatio=40'. Without them the JVM sizes its heap by the
# machine's or the container's memory (README, "Sizing").
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

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Java 25 and later: an ahead-of-time cache (JEPs 483, 514, 515) of the JDK's and Jetty's classes,
# loaded and linked, with their method profiles. The first run on a Java writes it when Jetty stops
# (a few seconds more at exit); every later run starts from it: on one core, Jetty was ready in
# about 4 s instead of 7-9 and a request cost 1.0-1.3 ms of CPU in the first 10 s instead of 2.8-3.1
# (src/site/PERFORMANCE.md). The router's own classes are not in it (the JDK caches only classes of
# its built-in loaders; a web application has its own). The file is named for the Jetty and Java
# versions, so an upgrade of either writes a new one; a cache that no longer matches for another
# reason (jars replaced by hand) is refused by the JVM, which logs why and runs without it:
# `rm target/*.aot` and the next run writes a new one.
# ROUTER_AOT=off runs without it. The cache needs one JVM, so Jetty's start.jar prints the command
# line (--dry-run, shell-quoted) and this shell execs it, instead of start.jar forking a second JVM.
if [ "${ROUTER_AOT:-on}" != off ] && "$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
    JAVA_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
    JETTY_VERSION=$(basename target/jetty-home/lib/jetty-server-*.jar .jar | sed 's/^jetty-server-//')
    AOT_CACHE="$(pwd)/target/jetty-base-${JETTY_VERSION}-java-${JAVA_VERSION}.aot"
    if [ -f "$AOT_CACHE" ]; then
        AOT_FLAG="-XX:AOTCache=$AOT_CACHE"
    else
        AOT_FLAG="-XX:AOTCacheOutput=$AOT_CACHE"
    fi
    # start.jar puts JVM flags given to it (the cache flag, JAVA_OPTIONS) on the line it prints;
    # no pathname expansion from here on, so a flag such as -Xlog:gc* is passed as written
    set -f
    # shellcheck disable=SC2086
    COMMAND=$("$JAVA" -jar target/jetty-home/start.jar --dry-run "$AOT_FLAG" ${JAVA_OPTIONS:-} \
        jetty.base=jetty-base \
        jetty.http.port="$PROXY_PORT" \
        "$@")
    eval "exec $COMMAND"
fi

set -f
# shellcheck disable=SC2086
exec "$JAVA" ${JAVA_OPTIONS:-} -jar target/jetty-home/start.jar \
    jetty.base=jetty-base \
    jetty.http.port="$PROXY_PORT" \
    "$@"
