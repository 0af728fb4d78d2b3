#!/usr/bin/env bash
# `npm run test:all`: every test, none skipped.
#  1. The Debian packages some tests need — tmux (terminal tests), chromium (browser tests),
#     openssl (the emulator's TLS) — are installed when missing: with `apt-get update` and
#     `apt-get install` when running as root on Debian/Ubuntu (saying what it installs);
#     otherwise it stops and prints the line to run.
#  2. The package is built (some tests check dist/).
#  3. The suite runs with WPS_TEST_ALL=1: a missing requirement fails its tests instead of
#     skipping them, and a skipped test fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test:all: installing Debian packages the tests need: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "test:all: installed ${missing[*]}"
  else
    echo "test:all: these tests need ${missing[*]}, which are not installed; install them first:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "test:all: building the package (some tests check dist/)"
npm run build --silent
echo "test:all: running every test (WPS_TEST_ALL=1: nothing may be skipped)"
WPS_TEST_ALL=1 npx vitest run
