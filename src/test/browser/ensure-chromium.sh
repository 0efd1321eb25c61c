#!/bin/sh
# Set-up for the browser test (run by prepare.sh in every mvn verify): makes sure Debian's Chromium is installed.
# playwright-core drives this system browser; Playwright's own browser download is not used.
# Installing needs root (or password-less sudo) and the Debian archive; it is non-interactive.
set -eu

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "browser test: using $CHROMIUM"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "browser test: $CHROMIUM is missing; install it as root: apt-get install -y chromium" >&2
  exit 1
fi

echo "browser test: installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale or absent (fresh containers): refresh them first.
# Another apt-get (another build on the same machine) may hold the dpkg lock: wait for it.
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -q
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -q chromium
test -x "$CHROMIUM" || { echo "browser test: $CHROMIUM still missing after installing chromium" >&2; exit 1; }
