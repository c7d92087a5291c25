#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (.clang-format) would write.
# Run by ctest (test source_is_clang_formatted); `clang-format -i FILE` fixes a file.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find core gis assess cli tests bench fuzz -name '*.cpp' -o -name '*.hpp' | sort)
[ ${#files[@]} -eq 0 ] && { echo "no C++ files found" >&2; exit 1; }
clang-format --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files formatted"
