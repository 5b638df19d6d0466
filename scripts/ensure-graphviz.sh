#!/bin/sh
# Make sure Graphviz's `dot` (and a font with Vietnamese diacritics) is installed.
# Installs Debian's packages when we are root and apt-get is there; otherwise says what to run.
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Graphviz (Debian packages graphviz, fonts-dejavu-core)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq graphviz fonts-dejavu-core >/dev/null \
    && exit 0
  echo "warning: could not install Graphviz; SVG/PNG/PDF diagrams need it" >&2
  exit 0
fi
echo "note: Graphviz is not installed; DOT and Mermaid output work, SVG/PNG/PDF need it." >&2
echo "      install it with: sudo apt-get install graphviz fonts-dejavu-core (Debian/Ubuntu)," >&2
echo "      brew install graphviz (macOS)" >&2
exit 0
