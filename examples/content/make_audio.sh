#!/usr/bin/env bash
# Regenerates the sample course's audio with espeak-ng (Spanish voice), as 16 kHz mono
# Ogg Vorbis: a few kilobytes per phrase. Needs espeak-ng and sox:
#   apt-get install -y espeak-ng sox
# Run from anywhere: bash examples/content/make_audio.sh
set -euo pipefail
cd "$(dirname "$0")/spanish-basics"
mkdir -p audio
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# file name (without .ogg) | the Spanish text spoken
while IFS='|' read -r name text; do
    [ -z "$name" ] && continue
    espeak-ng -v es -s 140 -w "$tmp/$name.wav" "$text"
    sox "$tmp/$name.wav" -r 16000 -c 1 -C 0 "audio/$name.ogg"
    echo "audio/$name.ogg: $text"
done <<'PHRASES'
a-la-derecha|A la derecha
buenas-noches|Buenas noches
buenos-dias|Buenos días
de-nada|De nada
el-pan-y-el-agua|El pan y el agua
hola-amigo|Hola amigo
la-cocina-es-grande|La cocina es grande
mi-madre|Mi madre
mucho-gusto|Mucho gusto
seis-siete-ocho|Seis, siete, ocho
soy-estudiante|Soy estudiante
tres|Tres
un-billete-por-favor|Un billete, por favor
un-cafe-por-favor|Un café, por favor
PHRASES
