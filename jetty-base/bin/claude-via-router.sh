#!/bin/sh
# Runs Claude Code through Model Router.
#
#   jetty-base/bin/claude-via-router.sh [claude arguments...]
#
# Checks that the router answers /health on 127.0.0.1:$PROXY_PORT (default 9099), then runs
# `claude` with ANTHROPIC_BASE_URL pointing at it. The variable is set for that one process only:
# your shell, and any other Claude Code session, keep talking to Anthropic directly.
#
# ROUTER_TOKEN: when the router requires a client token (router.auth.tokens), it is passed as
# ANTHROPIC_API_KEY, again only to this process.
set -eu

PROXY_PORT="${PROXY_PORT:-9099}"
ROUTER_URL="${ROUTER_URL:-http://127.0.0.1:$PROXY_PORT}"

if ! command -v claude >/dev/null 2>&1; then
    echo "claude-via-router: 'claude' (Claude Code) is not on PATH" >&2
    exit 127
fi

# /health is 200 when every route has a key and none is failing, 503 "degraded" otherwise (with
# the reason per route). Degraded still routes the healthy tiers, so warn and go on; no answer at
# all means the router is not running.
health_file="$(mktemp)"
trap 'rm -f "$health_file"' EXIT
status="$(curl -s -o "$health_file" -w '%{http_code}' --max-time 5 "$ROUTER_URL/health" || true)"
case "$status" in
    200)
        ;;
    503)
        echo "claude-via-router: Model Router at $ROUTER_URL is degraded:" >&2
        cat "$health_file" >&2
        echo >&2
        ;;
    *)
        [ "$status" = "000" ] || [ -z "$status" ] && status="no answer"
        echo "claude-via-router: no Model Router at $ROUTER_URL (GET /health: $status)." >&2
        echo "Start it first, e.g.: jetty-base/bin/run-jetty-base.sh   (or: mvn jetty:run)" >&2
        exit 1
        ;;
esac

rm -f "$health_file"
trap - EXIT
if [ -n "${ROUTER_TOKEN:-}" ]; then
    ANTHROPIC_BASE_URL="$ROUTER_URL" ANTHROPIC_API_KEY="$ROUTER_TOKEN" exec claude "$@"
fi
ANTHROPIC_BASE_URL="$ROUTER_URL" exec claude "$@"
