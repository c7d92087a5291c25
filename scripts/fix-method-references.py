#!/usr/bin/python3
"""References to files outside the repository: find them, and rewrite them in code files.

The code used to cite the developers' private notes ("METHODS.md 3", "/work/shared/BENCHMARKING.md",
"see ARCHITECTURE"), which users do not have. Their public counterparts are docs/methods.md (same
section numbers), docs/benchmarks.md (the benchmark method) and docs/architecture.md.

usage:
  scripts/fix-method-references.py            rewrite the references in code files (.cpp .hpp .h
                                              .py .sh .cmake, CMakeLists.txt, shebang scripts) in
                                              place; C++ lines that changed are re-run through
                                              clang-format (--lines), so check-format stays clean
  scripts/fix-method-references.py --diff     the same rewrites as a unified diff; writes nothing
  scripts/fix-method-references.py --check [FILE...]
                                              list every reference outside the repository in the
                                              tracked files (or in FILE...), with what the rewrite
                                              would make of it; exit 1 if there is any, 0 if none
options:
  --no-format    do not run clang-format on the rewritten C++ lines

Documentation and data files (.md, .yaml, .csv, .ipynb, ...) are never rewritten: --check lists
them as "manual". This script is the only file exempt from the check (it names the patterns).
"""
import difflib
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SELF = os.path.relpath(os.path.abspath(__file__), ROOT)

# What counts as a reference outside the repository (case-sensitive: docs/methods.md is not one).
FORBIDDEN = [
    (re.compile(r"\.\./shared\b"), "../shared: a folder outside the repository"),
    (re.compile(r"(?<![\w.~-])/work/"), "/work/...: an absolute path on the developers' machines"),
    (re.compile(r"\bshared/METHODS"), "shared/METHODS: the developers' private notes"),
    (re.compile(r"\bMETHODS\b"), "METHODS(.md): the developers' private notes"),
    (re.compile(r"\bBENCHMARKING\b"), "BENCHMARKING(.md): the developers' private notes"),
    (re.compile(r"\bARCHITECTURE\b"), "ARCHITECTURE(.md): the developers' private notes"),
    (re.compile(r"\bROADMAP\b"), "ROADMAP(.md): the developers' private notes"),
]

# The rewrites, in order. Section numbers are kept: docs/methods.md numbers its sections as the
# notes did ("METHODS.md 3" -> "docs/methods.md 3").
REWRITES = [
    (re.compile(r"(?:\.\./|/work/)shared/METHODS\.md"), "docs/methods.md"),
    (re.compile(r"(?:\.\./|/work/)shared/BENCHMARKING\.md"), "docs/benchmarks.md"),
    (re.compile(r"(?:\.\./|/work/)shared/ARCHITECTURE\.md"), "docs/architecture.md"),
    (re.compile(r"\bshared/METHODS\.md"), "docs/methods.md"),
    (re.compile(r"(?<![\w/])METHODS\.md"), "docs/methods.md"),
    (re.compile(r"\bMETHODS\b(?=\s+(?:sections?\s+)?\d)"), "docs/methods.md"),
    (re.compile(r"(?<![\w/])BENCHMARKING\.md"), "docs/benchmarks.md"),
    (re.compile(r"(?<![\w/])ARCHITECTURE\.md"), "docs/architecture.md"),
    (re.compile(r"\bARCHITECTURE\b"), "docs/architecture.md"),
]

CODE_SUFFIXES = (".cpp", ".hpp", ".h", ".cc", ".c", ".py", ".sh", ".cmake")
CPP_SUFFIXES = (".cpp", ".hpp", ".h", ".cc", ".c")
SKIP_DIRS = {".git", "build", "out", ".cache", "__pycache__"}


def tracked_files():
    try:
        out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"], check=True,
                             capture_output=True).stdout
        return [f for f in out.decode("utf-8", "surrogateescape").split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []  # not a git checkout (a source archive): every file but build outputs
        for top, dirs, names in os.walk(ROOT):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("build"))
            files += [os.path.relpath(os.path.join(top, n), ROOT) for n in sorted(names)]
        return files


def read_text(path):
    """The file's text, or None for a binary file, a missing one or one that is not UTF-8."""
    try:
        with open(os.path.join(ROOT, path), "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def is_code(path, text):
    name = os.path.basename(path)
    if name == "CMakeLists.txt" or name.endswith(CODE_SUFFIXES):
        return True
    return "." not in name and text.startswith("#!")  # e.g. .ci/run


def rewrite_line(line):
    for pattern, replacement in REWRITES:
        line = pattern.sub(replacement, line)
    return line


def offenders(line):
    return [(m, why) for pattern, why in FORBIDDEN for m in pattern.finditer(line)]


def check(paths):
    found = 0
    for path in paths:
        if os.path.normpath(path) == SELF:
            continue
        text = read_text(path)
        if text is None:
            continue
        code = is_code(path, text)
        for number, line in enumerate(text.splitlines(), 1):
            hits = offenders(line)
            if not hits:
                continue
            found += len(hits)
            new = rewrite_line(line) if code else line
            if not code:
                action = "manual (documentation or data file: fix by hand)"
            elif offenders(new):
                action = "manual (no automatic rewrite for: " + ", ".join(
                    m.group(0) for m, _ in offenders(new)) + ")"
            else:
                action = "rewrite -> " + new.strip()
            print(f"{path}:{number}: {line.strip()}")
            for m, why in hits:
                print(f"    {m.group(0)!r}: {why}")
            print(f"    {action}")
    if found:
        print(f"\n{found} reference(s) outside the repository; "
              "scripts/fix-method-references.py rewrites those marked 'rewrite'.")
        return 1
    print("no reference outside the repository")
    return 0


def changed_ranges(old_lines, new_lines):
    """1-based line ranges of new_lines that differ from old_lines."""
    ranges = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and j2 > j1:
            ranges.append((j1 + 1, j2))
    return ranges


def rewrite(show_diff, run_format):
    clang_format = shutil.which("clang-format") if run_format else None
    changed = 0
    for path in tracked_files():
        if os.path.normpath(path) == SELF:
            continue
        text = read_text(path)
        if text is None or not is_code(path, text):
            continue
        old_lines = text.splitlines(keepends=True)
        new_lines = [rewrite_line(line) for line in old_lines]
        if new_lines == old_lines:
            continue
        changed += 1
        if show_diff:
            sys.stdout.writelines(difflib.unified_diff(old_lines, new_lines, "a/" + path,
                                                       "b/" + path))
            continue
        full = os.path.join(ROOT, path)
        with open(full, "w", encoding="utf-8", newline="") as f:
            f.writelines(new_lines)
        print(f"rewrote {path}")
        if path.endswith(CPP_SUFFIXES):
            if clang_format:
                lines = [f"--lines={a}:{b}" for a, b in changed_ranges(old_lines, new_lines)]
                subprocess.run([clang_format, "-i", "--style=file", *lines, full], check=True,
                               cwd=ROOT)
            elif run_format:
                print(f"  clang-format not found: run scripts/check-format.sh on {path}")
    print(f"{changed} file(s) {'would change' if show_diff else 'changed'}", file=sys.stderr)
    remaining = [p for p in tracked_files() if os.path.normpath(p) != SELF]
    if not show_diff:
        print("check after the rewrite:", file=sys.stderr)
        return check(remaining)
    return 0


def main(argv):
    args = argv[1:]
    if "-h" in args or "--help" in args:
        print(__doc__)
        return 0
    run_format = "--no-format" not in args
    args = [a for a in args if a != "--no-format"]
    if args[:1] == ["--check"]:
        files = [os.path.relpath(os.path.abspath(f), ROOT) for f in args[1:]]
        return check(files or tracked_files())
    if args == ["--diff"]:
        return rewrite(show_diff=True, run_format=False)
    if args:
        print(__doc__, file=sys.stderr)
        return 2
    return rewrite(show_diff=False, run_format=run_format)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
