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
