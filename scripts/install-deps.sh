#!/usr/bin/env bash
# Installs every Debian package that building, running and testing Music Moodboard needs.
# Idempotent: packages already present are left alone, and apt is not touched when nothing is missing.
# Usage: scripts/install-deps.sh [--demo] [--bench]
#   --demo also installs the free demo music library; --bench the peer analysers, MIDI renderer and
#   encoders that only the comparison benchmark (Bench/compare-analysers.sh) uses.
set -euo pipefail

build=(g++ cmake ninja-build pkgconf ccache juce-modules-source nlohmann-json3-dev
       libcurl4-openssl-dev libhnswlib-dev catch2 libsqlite3-dev libtag1-dev libsecret-1-dev
       libssl-dev libmpg123-dev libjpeg-dev)
# Running and checking: a virtual display for the GUI checks, an MP3 encoder for the format tests.
# clang-16 builds the libFuzzer target (clang 14 cannot compile std::expected); python3 runs fakes;
# gnome-keyring on a private D-Bus session is the Secret Service the keyring test talks to;
# lilv hosts the LV2 bundle in the plugin check; lv2-dev (lv2_validate) and sordi check its data.
check=(xvfb xauth xdotool imagemagick lame clang-16 libclang-rt-16-dev python3 gnome-keyring
       dbus liblilv-dev lilv-utils lv2-dev sordi)
# xmessage (x11-utils) holds the focus while the mood key check runs; xprop (x11-utils) and
# xsettingsd give the scale check a desktop that asks for 200 %.
check+=(x11-utils xsettingsd)
bench=(aubio-tools bpm-tools ffmpeg fluidsynth fluid-soundfont-gm mma simutrans-data vorbis-tools
       flac nodejs)
command -v npm >/dev/null || bench+=(npm)
# Free music (GPL and CC licensed Ogg Vorbis) from Debian's game data packages.
demo=(lincity-ng-data extremetuxracer-data xmoto-data frozen-bubble-data wesnoth-1.16-music)

wanted=("${build[@]}" "${check[@]}")
for option in "$@"; do
    [[ "$option" == "--demo" ]] && wanted+=("${demo[@]}")
    [[ "$option" == "--bench" ]] && wanted+=("${bench[@]}")
done

missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#wanted[@]} packages present"
    exit 0
fi

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
