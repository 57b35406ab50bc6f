#!/usr/bin/env bash
# Makes the recording `learncore demo` scores with the offline sphinx provider:
# 16 kHz mono 16-bit WAV of an American English voice. Needs espeak-ng and sox
# (Debian: apt-get install -y espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")/src/learncore_cli/data"
raw="$(mktemp --suffix=.wav)"
trap 'rm -f "$raw"' EXIT
espeak-ng -v en-us -s 140 -w "$raw" "See you tomorrow, my friend."
sox "$raw" -r 16000 -c 1 -b 16 see-you-tomorrow.wav
