#!/usr/bin/env bash
# The Debian/Ubuntu libraries Qt needs (xcb platform for a real window; EGL/GL, fonts and
# xkbcommon for offscreen tests), and what the screen-reader test needs (tests/window/a11y:
# Xvfb, a D-Bus session, the AT-SPI registry, the system Python's Atspi binding, xdotool to
# press keys). Installs only what is missing; needs root or sudo for that.
# `. scripts/system-deps.sh --define-only` only defines apt_get (tests/core/test_system_deps.py).
set -euo pipefail

# apt-get that waits (up to 10 minutes) for another apt or dpkg run holding the dpkg lock
# (unattended upgrades, a second set-up) instead of failing at once.
apt_get() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"
}
[ "${1:-}" = "--define-only" ] && return 0

packages=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
  libx11-xcb1 libnss3 libasound2 fonts-dejavu-core python3-venv
  xvfb dbus-daemon at-spi2-core python3-gi gir1.2-atspi-2.0 xdotool
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system libraries for Qt: ${missing[*]}"
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}" \
  || apt_get install -y -qq --no-install-recommends "${missing[@]/libasound2/libasound2t64}"
