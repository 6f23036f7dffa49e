#!/bin/sh
# check.sh PREFIX OUTDIR [PROGRAM.c ...] - build the Darwin examples the
# way a user of an installed machsim would, and run them.
#
# For each program (default: every examples/darwin/*.c), compile it with
# nothing but what `pkg-config --cflags --libs machsim` says for the tree
# installed at PREFIX (`make install PREFIX=...`), twice: linked against
# libmach.a and against libmach.so.  Run both; each must exit 0 and print
# its one-line "<name>: ok: ..." summary.  Used by `make check-darwin`
# (examples/darwin/darwin.mk) and by the darwin Check suite
# (test/darwin/test_darwin.c).
#
# Environment: CC (default cc); DARWIN_CFLAGS, the compiler flags (the
# project's ALL_CFLAGS: warnings, optimisation, sanitizers).  The programs
# are strict C11 plus POSIX, so -D_GNU_SOURCE is dropped and -pedantic
# added.  DARWIN_TIMEOUT: seconds per run (default 120).
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 PREFIX OUTDIR [PROGRAM.c ...]" >&2
	exit 2
fi
prefix=$1
out=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- "$here"/*.c

CC=${CC:-cc}
flags=-pedantic
for f in ${DARWIN_CFLAGS:--std=c11 -Wall -Wextra -Werror -Wshadow \
    -Wstrict-prototypes -Wmissing-prototypes -Wvla -O2 -g}; do
	[ "$f" = -D_GNU_SOURCE ] || flags="$flags $f"
done
limit=${DARWIN_TIMEOUT:-120}
run_limited() {
	if command -v timeout >/dev/null 2>&1; then
		timeout "$limit" "$@"
	else
		"$@"
	fi
}

# Only the installed tree's machsim.pc.
PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig
PKG_CONFIG_PATH=
export PKG_CONFIG_LIBDIR PKG_CONFIG_PATH
if ! cflags=$(pkg-config --cflags machsim) ||
   ! libs=$(pkg-config --libs machsim); then
	echo "check.sh: no machsim.pc under $prefix/lib/pkgconfig" >&2
	exit 1
fi
# The static build takes pkg-config's line with libmach's archive chosen
# (only libmach: the C library and libpthread stay shared).
static_libs=
for f in $libs; do
	case $f in
	-lmach) static_libs="$static_libs -Wl,-Bstatic -lmach -Wl,-Bdynamic" ;;
	*) static_libs="$static_libs $f" ;;
	esac
done

mkdir -p "$out" || exit 1
failed=0
for src in "$@"; do
	name=$(basename "$src" .c)
	for kind in static shared; do
		exe=$out/$name-$kind
		if [ $kind = static ]; then
			link=$static_libs
		else
			link=$libs
		fi
		# shellcheck disable=SC2086
		if ! $CC $flags $cflags -o "$exe" "$src" $link; then
			echo "FAIL $name ($kind): does not compile" >&2
			failed=1
			continue
		fi
		needs_so=no
		if command -v readelf >/dev/null 2>&1 &&
		   readelf -d "$exe" | grep -q 'NEEDED.*libmach\.so'; then
			needs_so=yes
		fi
		if [ $kind = static ] && [ $needs_so = yes ]; then
			echo "FAIL $name (static): linked against libmach.so" >&2
			failed=1
			continue
		fi
		if [ $kind = shared ] && [ $needs_so = no ] &&
		   command -v readelf >/dev/null 2>&1; then
			echo "FAIL $name (shared): not linked against libmach.so" >&2
			failed=1
			continue
		fi
		LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
			run_limited "$exe" >"$exe.out" 2>"$exe.err" </dev/null
		rc=$?
		summary=$(grep "^$name: ok" "$exe.out" | head -n 1)
		if [ $rc -ne 0 ] || [ -z "$summary" ]; then
			echo "FAIL $name ($kind): exit status $rc" >&2
			cat "$exe.out" "$exe.err" >&2
			failed=1
			continue
		fi
		# Known bugs a program reports (a warning, not a failure).
		grep 'KNOWN BUG' "$exe.err" >&2
		echo "PASS $name ($kind): $summary"
	done
done
exit $failed
