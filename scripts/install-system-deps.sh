#!/bin/sh
# The Debian/Ubuntu packages Qt (PySide6) needs to open the desk and to run the tests:
# the one list, used by the README's quick start and by .ci/run.
#
#   sh scripts/install-system-deps.sh            # the desk and the GUI tests
#   sh scripts/install-system-deps.sh --tests    # also pdftotext, which reads exported PDFs
#
# Installs with apt-get as root, or through sudo; does nothing when every package is
# there already, and on a system without apt-get only names what Qt needs.
#
# Why each: the list was made with `ldd` on PySide6's QtCore/QtGui/QtWidgets modules and
# its Qt/plugins/platforms/libqxcb.so (a real X11 window), libqoffscreen.so (the tests)
# and Qt/plugins/xcbglintegrations/*.so, each missing .so mapped to its Debian 12 package;
# fonts-wqy-microhei: a CJK font, so the desk and its receipts can draw Simplified Chinese.
set -eu

PACKAGES="
libgl1 libglx0 libegl1 libgbm1 libdrm2
libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libpng16-16
libxkbcommon0 libxkbcommon-x11-0
libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0
libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
libwayland-client0 libwayland-cursor0
fonts-wqy-microhei
"
TEST_PACKAGES="poppler-utils"

if [ "${1:-}" = "--tests" ]; then
    PACKAGES="$PACKAGES $TEST_PACKAGES"
fi

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-system-deps: no apt-get here; Qt needs the equivalents of these Debian" \
         "packages:" $PACKAGES >&2
    exit 0
fi

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $package"
    fi
done
if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-system-deps: as root, run: apt-get install$missing" >&2
    exit 1
fi
echo "install-system-deps: installing$missing" >&2
$as_root apt-get update -qq
# shellcheck disable=SC2086  # one word per package
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $missing >/dev/null
