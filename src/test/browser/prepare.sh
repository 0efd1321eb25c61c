#!/bin/sh
# Prepares the status-page browser test (StatusPageBrowserIT) in every `mvn verify`:
#   prepare.sh <out-dir> <required: true|false>
# 1. ensure-chromium.sh: Debian's chromium, installed with apt-get when missing and this runs as
#    root (or with password-less sudo);
# 2. npm ci in src/test/browser (playwright-core, which drives that system Chromium).
# When either is impossible (not root and no chromium, no npm, no registry) and the test is not
# required, the reason goes to <out-dir>/browser-unavailable.txt, where StatusPageBrowserIT reads it
# and reports itself SKIPPED with that reason, and a banner says so in the build log: a loud skip,
# never a silent pass. With required=true (mvn verify -Dbrowser.required=true) it fails the build.
set -u

OUT_DIR="$1"
REQUIRED="${2:-false}"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$OUT_DIR"
REASON_FILE="$OUT_DIR/browser-unavailable.txt"
rm -f "$REASON_FILE"

unavailable() {
    if [ "$REQUIRED" = "true" ]; then
        echo "browser test: $1" >&2
        exit 1
    fi
    echo "$1" > "$REASON_FILE"
    echo "################################################################################" >&2
    echo "# BROWSER TEST WILL BE SKIPPED: $1" >&2
    echo "# StatusPageBrowserIT reports itself as skipped. Fix it, or make it a failure:" >&2
    echo "#   mvn verify -Dbrowser.required=true" >&2
    echo "################################################################################" >&2
    exit 0
}

sh "$HERE/ensure-chromium.sh" || unavailable "Chromium is missing and could not be installed (see the lines above)"
command -v npm >/dev/null 2>&1 || unavailable "npm (Node 20+) is not installed"
(cd "$HERE" && npm ci --no-audit --no-fund) || unavailable "npm ci failed in src/test/browser (see the lines above)"
echo "browser test: ready"
