#!/usr/bin/env bash
# Installs a demo library of free music from Debian's game packages (Ogg Vorbis, GPL and
# CC licensed; see each package's /usr/share/doc/<package>/copyright) and fills a folder with
# links to its tracks. Nothing is copied: the audio stays where Debian put it.
#
# Usage: scripts/install-demo-library.sh [FOLDER]
#   FOLDER defaults to the Music Moodboard data folder's demo-library (MOODBOARD_HOME/data when
#   MOODBOARD_HOME is set, else $XDG_DATA_HOME/music-moodboard). Prints the folder's path last.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

"$here/install-deps.sh" --demo >&2

if [[ -n "${1:-}" ]]; then
    dest="$1"
elif [[ -n "${MOODBOARD_HOME:-}" ]]; then
    dest="$MOODBOARD_HOME/data/demo-library"
else
    dest="${XDG_DATA_HOME:-$HOME/.local/share}/music-moodboard/demo-library"
fi
mkdir -p "$dest"

# package:folder pairs. Short jingles (under 30 s) are left out: they are sound effects, not songs.
sources=(
    "wesnoth-1.16-music:/usr/share/games/wesnoth/1.16/data/core/music"
    "lincity-ng-data:/usr/share/games/lincity-ng/music/default"
    "extremetuxracer-data:/usr/share/games/etr/music"
    "xmoto-data:/usr/share/games/xmoto/Textures/Musics"
    "frozen-bubble-data:/usr/share/games/frozen-bubble/snd"
)
short=(lostrace-ks raceintro-ks options1-jt wonrace1-jt)
frozen_music=(frozen-mainzik-1p frozen-mainzik-2p introzik)

# Seconds of an Ogg Vorbis file, from its last page's granule position and the sample rate.
ogg_seconds() {
    python3 - "$1" <<'PY' 2>/dev/null || echo 999
import struct, sys
data = open(sys.argv[1], 'rb').read()
last = data.rfind(b'OggS')
granule = struct.unpack('<q', data[last + 6:last + 14])[0]
header = data.find(b'\x01vorbis')
rate = struct.unpack('<I', data[header + 12:header + 16])[0]
print(int(granule / rate))
PY
}

count=0
for source in "${sources[@]}"; do
    package="${source%%:*}"
    folder="${source#*:}"
    mkdir -p "$dest/$package"
    for file in "$folder"/*.ogg; do
        [[ -f "$file" ]] || continue
        name="$(basename "$file" .ogg)"
        [[ " ${short[*]} " == *" $name "* ]] && continue
        if [[ "$package" == frozen-bubble-data && " ${frozen_music[*]} " != *" $name "* ]]; then
            continue
        fi
        if (( $(ogg_seconds "$file") < 30 )); then
            rm -f "$dest/$package/$name.ogg"
            continue
        fi
        ln -sfn "$file" "$dest/$package/$name.ogg"
        count=$((count + 1))
    done
done

if ((count < 20)); then
    echo "install-demo-library: only $count tracks found; are the packages installed?" >&2
    exit 1
fi
echo "install-demo-library: $count tracks linked in $dest" >&2
echo "$dest"
