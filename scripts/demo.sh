#!/usr/bin/env bash
# Quick start, command 1: sets up everything, then runs `greengauge assess` on the bundled Olinda
# sample (470 census tracts, a Landsat 7 image) and prints the results table.
# Outputs: out/olinda/olinda.gpkg (open it in QGIS) and out/olinda/olinda.csv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root"
exec "${GG_BUILD_DIR:-$root/build}/greengauge" assess data/demo/olinda.yaml -o out/olinda
