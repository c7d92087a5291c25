#!/usr/bin/env bash
# Quick start, command 1: sets up everything, then runs `greengauge assess` on the bundled Olinda
# sample (470 census tracts, a Landsat 7 image) and prints the results tables: green cover
# (data/demo/olinda.yaml), then wetlands and open water (data/demo/olinda_wetlands.yaml).
# Outputs: out/olinda/olinda.gpkg (open it in QGIS) and out/olinda/olinda.csv, and the same in
# out/olinda_wetlands/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root"
exe="${GG_BUILD_DIR:-$root/build}/greengauge"
"$exe" assess data/demo/olinda.yaml -o out/olinda
exec "$exe" assess data/demo/olinda_wetlands.yaml -o out/olinda_wetlands
