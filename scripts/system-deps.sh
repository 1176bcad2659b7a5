#!/usr/bin/env bash
# The Debian/Ubuntu libraries Qt needs (xcb platform for a real window; EGL/GL, fonts and
# xkbcommon for offscreen tests). Installs only what is missing; needs root or sudo for that.
set -euo pipefail
packages=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
  libx11-xcb1 libnss3 libasound2 fonts-dejavu-core python3-venv
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system libraries for Qt: ${missing[*]}"
# Another apt or dpkg run (unattended upgrades, a second set-up) holds the dpkg lock: wait for
# it, up to 10 minutes, instead of failing at once.
apt=(apt-get -o DPkg::Lock::Timeout=600)
$sudo "${apt[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $sudo "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" \
  || DEBIAN_FRONTEND=noninteractive $sudo "${apt[@]}" install -y -qq --no-install-recommends \
     "${missing[@]/libasound2/libasound2t64}"
