# Shared by the bench/*_bench.sh scripts (sourced, not run). Needs NAME, ROOT, BUILD_DIR and GG.

# Exits 2 naming the first tool that is not on PATH.
require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$NAME: $tool not found" >&2; exit 2; }
    done
}

# Builds greengauge in an already configured BUILD_DIR (configuring is the caller's business),
# unless GREENGAUGE names an executable; exits 2 when there is nothing to run.
build_greengauge() {
    if [[ -z "${GREENGAUGE:-}" ]]; then
        if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
            cmake --build "$BUILD_DIR" --target greengauge
        elif [[ ! -x "$GG" ]]; then
            echo "$NAME: $BUILD_DIR is not a configured build dir and $GG does not exist;" \
                 "configure first (cmake -S $ROOT -B $BUILD_DIR -G Ninja) or set BUILD_DIR" >&2
            exit 2
        fi
    fi
    [[ -x "$GG" ]] || { echo "$NAME: $GG is not executable" >&2; exit 2; }
}

# One untimed warm-up hyperfine call of the given sides (hyperfine arguments: -n NAME CMD ...,
# with --prepare where needed), then RUNS timed calls, each exported to PREFIX_<i>.json. The sides
# alternate within every call, so drift on a shared machine hits them alike.
alternate_runs() {
    local runs=$1 prefix=$2 label=$3 i
    shift 3
    hyperfine -N --runs 1 --style none "$@" >/dev/null
    for i in $(seq 1 "$runs"); do
        hyperfine -N --runs 1 --style none --export-json "${prefix}_$i.json" "$@" >/dev/null
        echo "  $label $i done"
    done
}

# Peak resident set size of one run of the command, in kB (/usr/bin/time -v).
rss_kb() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}
