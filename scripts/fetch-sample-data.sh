#!/usr/bin/env bash
# Rebuilds data/{olinda,landcover,landsat} from the Debian 12 packages they were copied from and
# checks every file against data/SHA256SUMS. data/ changes only when all checksums match.
# data/demo/ and data/README.md are not touched.
#   scripts/fetch-sample-data.sh           download, verify, install into data/
#   scripts/fetch-sample-data.sh --verify  only check the files already in data/
# Needs apt-get (with Debian 12 sources), dpkg-deb and sha256sum; no root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/data"
sums="$data/SHA256SUMS"

if [ "${1:-}" = "--verify" ]; then
  cd "$data" && exec sha256sum --check --quiet "$sums"
fi

# Versions the checksums were made from (Debian 12); others are tried, the checksums decide.
declare -A expected=([r-cran-stars]=0.6-0-4 [r-cran-sf]=1.0-9+dfsg-1+b1
                     [r-cran-satellite]=1.0.4-2+b1)
site=usr/lib/R/site-library
# destination in data/ <- path inside the extracted packages
files=(
  "olinda/L7_ETMs.tif         $site/stars/tif/L7_ETMs.tif"
  "landcover/lc.tif           $site/stars/tif/lc.tif"
)
for ext in shp shx dbf prj; do files+=("olinda/olinda1.$ext $site/sf/shape/olinda1.$ext"); done
while read -r _ name; do
  case "$name" in
    landsat/*) files+=("$name $site/satellite/extdata/${name#landsat/}") ;;
  esac
done <"$sums"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download "${!expected[@]}" >/dev/null
for deb in ./*.deb; do
  pkg="$(dpkg-deb -f "$deb" Package)" version="$(dpkg-deb -f "$deb" Version)"
  [ "$version" = "${expected[$pkg]}" ] ||
    echo "fetch-sample-data: note: $pkg $version, checksums were made from ${expected[$pkg]}" >&2
  dpkg-deb -x "$deb" x
done

# Stage first, so a mismatch leaves data/ as it was.
for entry in "${files[@]}"; do
  read -r dest src <<<"$entry"
  mkdir -p "stage/$(dirname "$dest")"
  cp "x/$src" "stage/$dest"
done
(cd stage && sha256sum --check --quiet "$sums") || {
  echo "fetch-sample-data: checksum mismatch, data/ left unchanged" >&2
  exit 1
}
for entry in "${files[@]}"; do
  read -r dest _ <<<"$entry"
  mkdir -p "$data/$(dirname "$dest")"
  cp "stage/$dest" "$data/$dest.tmp-$$"  # then rename: a reader never sees a half-copied file
  mv -f "$data/$dest.tmp-$$" "$data/$dest"
done
echo "fetch-sample-data: ${#files[@]} files verified and installed in $data"
