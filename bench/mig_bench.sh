#!/usr/bin/env bash
#
# mig_bench.sh - CPU time of machsim's mig against GNU MIG on the gnumach
# corpus (the 19 interface files, variant 1 of MIG-LANGUAGE.md 7.1).
#
# usage: mig_bench.sh [-p PAIRS] [-r REPS] [PATH-TO-OUR-MIG]
#   PAIRS  measured pairs, A then B, interleaved (default 7, at least 5)
#   REPS   corpus passes per measurement (default 3)
#   the mig defaults to build/mig/mig of this repository.
#
# Each measurement runs REPS passes over the 19 files (all default outputs
# written to a scratch directory) under bench/cputime.c, which reports
# user + system time of everything run, preprocessors included.  Pairs
# alternate ours, GNU, ours, GNU ... (BENCHMARKING.md); the script prints
# the median of each and the median of the per-pair ratios.  Not a test:
# the figures only mean something relative to each other.

set -eu

pairs=7
reps=3
while getopts p:r: opt; do
	case $opt in
	p) pairs=$OPTARG ;;
	r) reps=$OPTARG ;;
	*) echo "usage: mig_bench.sh [-p PAIRS] [-r REPS] [MIG]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
ours=${1:-$root/build/mig/mig}
gnu=${GNU_MIG:-x86_64-gnu-mig}
inc=${GNUMACH_INCLUDE:-/usr/include/x86_64-linux-gnu}
cc=${CC:-cc}

if [ "$pairs" -lt 5 ]; then
	echo "mig_bench.sh: at least 5 pairs" >&2
	exit 2
fi
case $ours in
*/*) ours=$(cd "$(dirname "$ours")" && pwd)/$(basename "$ours") ;;
esac
for prog in "$ours" "$gnu"; do
	if ! command -v "$prog" >/dev/null 2>&1; then
		echo "mig_bench.sh: $prog: not found" >&2
		exit 2
	fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/machsim-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

"$cc" -O2 -o "$scratch/cputime" "$here/cputime.c"

# The interface files: the corpus minus its six type-only files.
files=()
while IFS= read -r f; do
	case ${f#"$inc"/} in
	mach/std_types.defs | mach/mach_types.defs | device/device_types.defs | \
	mach/default_pager_types.defs | mach_debug/mach_debug_types.defs | \
	mach/x86_64/machine_types.defs) ;;
	*) files+=("$f") ;;
	esac
done < <(find "$inc/mach" "$inc/device" "$inc/mach_debug" -name '*.defs' | LC_ALL=C sort)
if [ ${#files[@]} -ne 19 ]; then
	echo "mig_bench.sh: expected 19 interface files under $inc, found ${#files[@]}" >&2
	exit 2
fi

# One pass script per compiler: REPS x 19 runs, outputs into the scratch.
write_pass() {
	local name=$1 out=$scratch/$1.out cmd
	shift
	mkdir -p "$out"
	cmd=$(printf '%q ' "$@")
	{
		echo 'set -e'
		printf 'cd %q\n' "$out"
		echo "for rep in \$(seq $reps); do"
		for f in "${files[@]}"; do
			printf '  %s-I%q %q >/dev/null\n' "$cmd" "$inc" "$f"
		done
		echo 'done'
	} > "$scratch/$name.sh"
}
write_pass ours "$ours" -q
write_pass gnu "$gnu" -D__x86_64__

pin=()
if command -v taskset >/dev/null 2>&1; then
	pin=(taskset -c 0)
fi

# Warm the page cache and check both compilers succeed before timing.
"${pin[@]}" bash "$scratch/ours.sh" || { echo "mig_bench.sh: our mig failed" >&2; exit 1; }
"${pin[@]}" bash "$scratch/gnu.sh" || { echo "mig_bench.sh: GNU MIG failed" >&2; exit 1; }

# cputime prints its figure on stderr; the passes' stdout is discarded.
a=()
b=()
for ((i = 0; i < pairs; i++)); do
	a+=("$("${pin[@]}" "$scratch/cputime" bash "$scratch/ours.sh" 2>&1 >/dev/null | tail -n 1)")
	b+=("$("${pin[@]}" "$scratch/cputime" bash "$scratch/gnu.sh" 2>&1 >/dev/null | tail -n 1)")
done

median() {
	printf '%s\n' "$@" | LC_ALL=C sort -g | awk '{v[NR] = $1}
	    END { if (NR % 2) print v[(NR + 1) / 2];
	          else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratios=()
for ((i = 0; i < pairs; i++)); do
	ratios+=("$(awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN { printf "%.4f\n", x / y }')")
done

per=$((reps * ${#files[@]}))
ma=$(median "${a[@]}")
mb=$(median "${b[@]}")
mr=$(median "${ratios[@]}")
awk -v a="$ma" -v b="$mb" -v r="$mr" -v n="$per" -v p="$pairs" 'BEGIN {
	printf "mig bench: %d pairs, %d compilations per measurement (CPU user+sys, median)\n", p, n
	printf "  ours: %9.1f ms  (%.3f ms per file)\n", a / 1000, a / 1000 / n
	printf "  gnu:  %9.1f ms  (%.3f ms per file)\n", b / 1000, b / 1000 / n
	printf "  ratio ours/gnu: %.3f (median of per-pair ratios)\n", r
}'
