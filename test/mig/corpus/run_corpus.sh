#!/usr/bin/env bash
#
# run_corpus.sh - run machsim's mig over the gnumach .defs corpus
# (MIG-LANGUAGE.md section 7.1).
#
# usage: run_corpus.sh [-k] [-v] PATH-TO-OUR-MIG
#   -k  keep the scratch directory and print its path
#   -v  print every case, not only failures
#
# Every one of the 25 gnumach .defs is compiled in six variants, each in
# an empty scratch directory.  A case passes when:
#   - an interface file (19 of them): mig exits 0, writes its header,
#     user and server files, and its -list output equals GNU MIG's for
#     the same file and variant;
#   - a type-only file (6): mig exits 1, says
#     "no 'subsystem' statement; a file of type declarations can only be
#     included", and leaves the directory empty.
#
# Environment: GNU_MIG (default x86_64-gnu-mig) is the reference; when it
# cannot be found the -list comparison is skipped with a warning.
# GNUMACH_INCLUDE (default /usr/include/x86_64-linux-gnu) is where the
# corpus lives.  Exit status: 0 all passed, 1 some failed, 2 usage,
# 77 corpus not installed (the automake "skipped" code).

set -u

keep=0
verbose=0
while [ $# -gt 0 ]; do
	case $1 in
	-k) keep=1; shift ;;
	-v) verbose=1; shift ;;
	--) shift; break ;;
	-*) echo "run_corpus.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -ne 1 ]; then
	echo "usage: run_corpus.sh [-k] [-v] PATH-TO-OUR-MIG" >&2
	exit 2
fi

ours=$1
case $ours in
*/*) ours=$(cd "$(dirname "$ours")" && pwd)/$(basename "$ours") ;;
esac
if ! command -v "$ours" >/dev/null 2>&1; then
	echo "run_corpus.sh: $1: not found" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
inc=${GNUMACH_INCLUDE:-/usr/include/x86_64-linux-gnu}
gnu=${GNU_MIG:-x86_64-gnu-mig}
notype_text="no 'subsystem' statement; a file of type declarations can only be included"

# is_type_only F: F (a path below $inc) is one of the six type-only files.
is_type_only() {
	case $1 in
	mach/std_types.defs | mach/mach_types.defs | device/device_types.defs | \
	mach/default_pager_types.defs | mach_debug/mach_debug_types.defs | \
	mach/x86_64/machine_types.defs)
		return 0 ;;
	esac
	return 1
}

files=()
while IFS= read -r f; do
	files+=("${f#"$inc"/}")
done < <(find "$inc/mach" "$inc/device" "$inc/mach_debug" -name '*.defs' 2>/dev/null | LC_ALL=C sort)

if [ ${#files[@]} -ne 25 ]; then
	echo "run_corpus.sh: expected 25 gnumach .defs under $inc, found ${#files[@]}" \
	    "(apt-get install gnumach-dev); skipping" >&2
	exit 77
fi

have_gnu=1
if ! command -v "$gnu" >/dev/null 2>&1; then
	echo "run_corpus.sh: warning: $gnu not found; -list comparison skipped" >&2
	have_gnu=0
fi

# Variant flags, one entry per variant, split into words by vflags().
variants=(
	""
	"-DKERNEL_USER=1"
	"-DKERNEL_SERVER=1"
	"-DKERNEL_USER=1 -DSEQNOS=1"
	"-DSEQNOS=1 -imacros $here/mutate.h"
	"-DEMULATOR -DMIGRATING_THREADS -DMACH_PCSAMPLE -DUSERPREFIX=u_ -DSERVERPREFIX=s_"
)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/machsim-corpus.XXXXXX") || exit 1
cleanup() {
	if [ $keep -eq 1 ]; then
		echo "run_corpus.sh: scratch kept in $scratch" >&2
	else
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT

passed=0
failed=0

fail() {
	failed=$((failed + 1))
	echo "FAIL variant $1 $2: $3"
	if [ -s "$4" ]; then
		sed -n '1,5s/^/    | /p' "$4"
	fi
}

pass() {
	passed=$((passed + 1))
	if [ $verbose -eq 1 ]; then
		echo "ok   variant $1 $2"
	fi
}

# vflags N: put variant N's flags into the array "flags".
vflags() {
	read -r -a flags <<< "${variants[$1 - 1]}"
}

# gnu_list VARIANT FILE OUT: GNU MIG's routine list, in its own directory.
# GNU's driver never defines __x86_64__, so it is passed here.
gnu_list() {
	local dir=$scratch/gnu.$1.${2//\//_}
	vflags "$1"
	mkdir -p "$dir" || return 1
	(cd "$dir" && "$gnu" -D__x86_64__ -I"$inc" "${flags[@]}" -n \
	    -list "$3" "$inc/$2" >/dev/null 2>"$dir/stderr")
}

for ((v = 1; v <= ${#variants[@]}; v++)); do
	for f in "${files[@]}"; do
		dir=$scratch/ours.$v.${f//\//_}
		mkdir -p "$dir"
		err=$scratch/ours.$v.${f//\//_}.stderr
		vflags $v
		(cd "$dir" && "$ours" -I"$inc" "${flags[@]}" \
		    -list "$dir/routines.list" "$inc/$f" >/dev/null 2>"$err")
		status=$?

		if is_type_only "$f"; then
			if [ $status -ne 1 ]; then
				fail $v "$f" "type-only file: exit status $status, expected 1" "$err"
			elif ! grep -qF "$notype_text" "$err"; then
				fail $v "$f" "type-only file: the no-subsystem error is missing" "$err"
			elif [ -n "$(ls -A "$dir")" ]; then
				fail $v "$f" "type-only file: outputs were written: $(find "$dir" -mindepth 1 -printf '%f ')" "$err"
			else
				pass $v "$f"
			fi
			continue
		fi

		if [ $status -ne 0 ]; then
			fail $v "$f" "exit status $status, expected 0" "$err"
			continue
		fi
		missing=
		for pat in '*.h' '*User.c' '*Server.c'; do
			if ! compgen -G "$dir/$pat" >/dev/null; then
				missing="$missing $pat"
			fi
		done
		if [ -n "$missing" ]; then
			fail $v "$f" "default outputs missing:$missing" "$err"
			continue
		fi
		if [ ! -f "$dir/routines.list" ]; then
			fail $v "$f" "-list file not written" "$err"
			continue
		fi
		if [ $have_gnu -eq 1 ]; then
			ref=$scratch/gnu.$v.${f//\//_}.list
			if ! gnu_list $v "$f" "$ref"; then
				fail $v "$f" "GNU MIG failed on this case" \
				    "$scratch/gnu.$v.${f//\//_}/stderr"
				continue
			fi
			if ! cmp -s "$ref" "$dir/routines.list"; then
				diff -u --label gnu --label ours "$ref" "$dir/routines.list" > "$dir/list.diff"
				fail $v "$f" "-list differs from GNU MIG (- GNU, + ours)" "$dir/list.diff"
				continue
			fi
		fi
		pass $v "$f"
	done
done

echo "corpus: $passed passed, $failed failed"
[ $failed -eq 0 ]
