#!/usr/bin/env bash
# Installs, with apt-get, every Debian 12 package that building, testing, benchmarking and the
# notebooks need. Idempotent: when everything is already installed it prints nothing and exits 0.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang-format
  # libraries (design card + helpers chosen in README.md)
  libgdal-dev gdal-bin libgeos-dev libgeos++-dev libproj-dev proj-bin libeigen3-dev
  libgtest-dev googletest libgmock-dev libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libtbb-dev libmuparser-dev libutf8proc-dev libxlsxwriter-dev
  # the COG writer: TIFF, GeoTIFF tags, DEFLATE and ZSTD
  libtiff-dev libgeotiff-dev libdeflate-dev libzstd-dev
  # scripts, notebooks and independent checks in tests
  python3 python3-gdal python3-numpy python3-nbclient python3-ipykernel python3-geopandas
  python3-matplotlib python3-yaml
  # QGIS's own Python: the test that QGIS loads the zones layer's style (label qgis; about 110 MB,
  # 112 packages, a minute to install)
  python3-qgis
  # the sanitizer build of the whole suite and the fuzz targets (scripts/test-sanitizers.sh,
  # scripts/fuzz.sh): clang with libFuzzer, ASan and UBSan
  clang-14 libclang-rt-14-dev
  # benchmarks
  hyperfine time
  # throw-away PostgreSQL + PostGIS server for the history tests
  postgresql-15 postgresql-15-postgis-3 postgresql-client-15
  # throw-away Slurm (slurmctld, slurmd, munge) for the batch cluster test (label slurm)
  slurm-wlm munge
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
