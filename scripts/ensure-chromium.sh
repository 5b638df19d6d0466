#!/bin/sh
# Make sure a Chromium is installed for the report's browser tests (tests/browser.py drives it
# with Playwright), with a font that has every Vietnamese diacritic.
# Installs Debian's packages when we are root and apt-get is there; otherwise says what to run.
if [ -n "${CSKH_ORG_CHROMIUM:-}" ] && [ -x "$CSKH_ORG_CHROMIUM" ]; then
  exit 0
fi
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Chromium (Debian packages chromium, fonts-dejavu-core)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null 2>&1 && exit 0
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    && exit 0
  echo "warning: could not install Chromium; the report's browser tests need it" >&2
  exit 0
fi
echo "note: Chromium is not installed; the report's browser tests are skipped (they fail under CI)." >&2
echo "      install it with: sudo apt-get install chromium fonts-dejavu-core (Debian/Ubuntu)," >&2
echo "      or point CSKH_ORG_CHROMIUM at a Chromium or Chrome binary" >&2
exit 0
