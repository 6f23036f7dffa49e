#!/usr/bin/env bash
#
# xnu_compile.sh - XNU's own interface files through machsim's installed
# mig, and the generated code through clang for Darwin targets.
#
# usage: xnu_compile.sh [-k] [-v] [PREFIX]
#   PREFIX  an installed tree (make install PREFIX=...): PREFIX/bin/mig
#           and PREFIX/include; without it the tree is installed into a
#           scratch folder first
#   -k      keep the scratch folder and print its path
#   -v      print the compiler's errors, not only the first
#
# MACHSIM_XNU names an XNU source tree (a checkout of
# apple-oss-distributions/xnu at the classic tag defs/ follows,
# xnu-123.5); every interface .defs under its osfmk/{mach,default_pager,
# mach_debug,device,UserNotification} is compiled, and so is every
# interface of this tree's defs/.  Without MACHSIM_XNU, or without clang,
# the script says so and exits 77 (nothing was compiled).
#
# For each file and each target (x86_64-apple-macos10.15 with -arch
# x86_64, arm64-apple-macos11 with -arch arm64):
#   1. PREFIX/bin/mig -arch A file.defs, with no -I: the includes of
#      XNU's file resolve through the installed tree, as they would
#      for a user of the installed mig;
#   2. clang -target T -fsyntax-only on the user stubs and the server,
#      against PREFIX/include only;
#   3. the message layouts mig reports with -yaml (each request's and
#      reply's size and every field's offset) are checked against the
#      generated __Request__/__Reply__ structs with _Static_assert,
#      compiled for the same target.
# Darwin's SDK is not on a Linux machine, and the generated code needs
# only <string.h> and <sys/cdefs.h> of the C library (stdint.h and
# stddef.h come from clang itself with -ffreestanding), so the script
# writes a stand-in for those two.
#
# Files that cannot compile for a reason outside mig are listed below
# (KNOWN, with the reason); the script fails when one of them starts to
# compile, so the list stays true.
#
# Exit status: 0 all compiled, 1 some failed, 2 usage, 77 skipped.

set -u

keep=0
verbose=0
while [ $# -gt 0 ]; do
	case $1 in
	-k) keep=1; shift ;;
	-v) verbose=1; shift ;;
	--) shift; break ;;
	-*) echo "xnu_compile.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -gt 1 ]; then
	echo "usage: xnu_compile.sh [-k] [-v] [PREFIX]" >&2
	exit 2
fi
if [ -z "${MACHSIM_XNU:-}" ]; then
	echo "xnu_compile.sh: SKIPPED: MACHSIM_XNU is not set, so nothing" \
	     "was compiled (set it to an XNU source tree, e.g. a checkout" \
	     "of apple-oss-distributions/xnu at xnu-123.5)"
	exit 77
fi
if [ ! -d "$MACHSIM_XNU/osfmk/mach" ]; then
	echo "xnu_compile.sh: SKIPPED: '$MACHSIM_XNU' has no osfmk/mach," \
	     "so nothing was compiled"
	exit 77
fi
clang=${CLANG:-clang}
if ! command -v "$clang" >/dev/null 2>&1; then
	echo "xnu_compile.sh: SKIPPED: '$clang' is not installed, so nothing" \
	     "was compiled (apt-get install clang)"
	exit 77
fi

top=$(cd "$(dirname "$0")/../.." && pwd)
xnu=$(cd "$MACHSIM_XNU" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/xnu-compile.XXXXXX") || exit 2
cleanup() {
	if [ $keep -eq 1 ]; then
		echo "xnu_compile.sh: kept $scratch"
	else
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT

if [ $# -eq 1 ]; then
	prefix=$(cd "$1" && pwd) || exit 2
else
	prefix=$scratch/prefix
	if ! make -s -C "$top" install PREFIX="$prefix" \
	    >"$scratch/install.log" 2>&1; then
		echo "xnu_compile.sh: make install failed:" >&2
		tail -20 "$scratch/install.log" >&2
		exit 1
	fi
fi
mig=$prefix/bin/mig
if [ ! -x "$mig" ] || [ ! -f "$prefix/include/mach/std_types.defs" ]; then
	echo "xnu_compile.sh: '$prefix' is not an installed tree" >&2
	exit 2
fi

# The C library's part the generated code uses.
sdk=$scratch/sdk
mkdir -p "$sdk/usr/include"
cat >"$sdk/usr/include/string.h" <<'EOF'
#include <stddef.h>
void *memcpy(void *, const void *, size_t);
void *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);
int memcmp(const void *, const void *, size_t);
size_t strlen(const char *);
char *strncpy(char *, const char *, size_t);
EOF
mkdir -p "$sdk/usr/include/sys"
cat >"$sdk/usr/include/sys/cdefs.h" <<'EOF'
#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif
EOF

# name -> why it cannot compile (the same for every target).
declare -A known=(
)

# layout_asserts YAML HEADER: a C file asserting mig's reported layouts
# against the header's __Request__/__Reply__ structs.
layout_asserts() {
	echo '#include <stddef.h>'
	echo "#include \"$2\""
	awk '
	function flush_size() {
		if (sect != "" && name != "" && kind != "skip" && size != "")
			printf "_Static_assert(sizeof(__%s__%s_t) == %s, \"%s %s size\");\n", sect, name, size, name, sect
		size = ""
	}
	/^- number:/ { flush_size(); name = ""; kind = ""; sect = ""; infields = 0; next }
	/^  name:/ && name == "" { name = $2; next }
	/^  kind:/ && kind == "" { kind = $2; next }
	/^  request: null/ || /^  reply: null/ { flush_size(); sect = ""; infields = 0; next }
	/^  request:/ { flush_size(); sect = "Request"; infields = 0; next }
	/^  reply:/ { flush_size(); sect = "Reply"; infields = 0; next }
	/^    max_size:/ { size = $2; next }
	/^  request_fields:/ { flush_size(); sect = "Request"; infields = 1; next }
	/^  reply_fields:/ { flush_size(); sect = "Reply"; infields = 1; next }
	/^  [a-z_]+:/ { flush_size(); infields = 0; next }
	infields && /^  - name:/ { field = $3; next }
	# a field after a variable part has no fixed offset (null)
	infields && /^    offset:/ {
		if (kind != "skip" && $2 != "null")
			printf "_Static_assert(offsetof(__%s__%s_t, %s) == %s, \"%s %s.%s\");\n", sect, name, field, $2, name, sect, field
		next
	}
	/^[a-z]/ { flush_size(); sect = ""; infields = 0 }
	END { flush_size() }
	' "$1"
}

ok=0 failed=0 knownfail=0 skipped=0
# compile_one TAG FILE TARGET ARCH
compile_one() {
	local tag=$1 defs=$2 target=$3 arch=$4
	local name
	name=$(basename "$defs" .defs)
	local d=$scratch/$tag.$name.$arch
	mkdir -p "$d"
	local why=${known[$tag:$name]:-}
	if ! (cd "$d" && "$mig" -arch "$arch" -yaml layout.yaml "$defs" \
	    >mig.log 2>&1) ||
	   ! (cd "$d" && "$clang" -target "$target" -ffreestanding \
	    -isysroot "$sdk" -std=c11 -fsyntax-only -I "$prefix/include" \
	    -I . ./*User.c ./*Server.c >cc.log 2>&1); then
		if [ -n "$why" ]; then
			echo "KNOWN $tag $name ($arch): $why"
			knownfail=$((knownfail + 1))
			return
		fi
		echo "FAIL $tag $name ($arch):"
		if [ $verbose -eq 1 ]; then
			cat "$d/mig.log" "$d/cc.log" 2>/dev/null | grep -E 'error' |
			    head -20
		else
			cat "$d/mig.log" "$d/cc.log" 2>/dev/null | grep -E 'error' |
			    head -1
		fi
		failed=$((failed + 1))
		return
	fi
	local header
	header=$(cd "$d" && ls ./*.h | head -1)
	layout_asserts "$d/layout.yaml" "$(basename "$header")" >"$d/layout.c"
	# (an interface whose routines are all skipped has no layout)
	if grep -Eq '^  kind: (routine|simpleroutine)' "$d/layout.yaml" &&
	   ! grep -q '_Static_assert' "$d/layout.c"; then
		echo "FAIL $tag $name ($arch): no layout read from -yaml"
		failed=$((failed + 1))
		return
	fi
	if ! (cd "$d" && "$clang" -target "$target" -ffreestanding \
	    -isysroot "$sdk" -std=c11 -fsyntax-only -I "$prefix/include" \
	    -I . layout.c >layout.log 2>&1); then
		echo "FAIL $tag $name ($arch): layouts differ from -yaml:"
		grep -E 'error' "$d/layout.log" | head -5
		failed=$((failed + 1))
		return
	fi
	if [ -n "$why" ]; then
		echo "FAIL $tag $name ($arch): compiles now; take it off the" \
		     "KNOWN list"
		failed=$((failed + 1))
		return
	fi
	ok=$((ok + 1))
}

xnu_files=$(grep -l '^[[:space:]]*subsystem' \
    "$xnu"/osfmk/{mach,default_pager,mach_debug,device,UserNotification}/*.defs \
    2>/dev/null)
our_files=$(grep -l '^[[:space:]]*subsystem' "$top"/defs/*.defs)
if [ -z "$xnu_files" ]; then
	echo "xnu_compile.sh: no interface .defs under $xnu/osfmk" >&2
	exit 1
fi
for pair in "x86_64-apple-macos10.15 x86_64" "arm64-apple-macos11 arm64"; do
	set -- $pair
	for f in $xnu_files; do
		compile_one xnu "$f" "$1" "$2"
	done
	for f in $our_files; do
		compile_one defs "$f" "$1" "$2"
	done
done

echo "xnu_compile.sh: $ok compiled with their layouts, $knownfail known" \
     "failures, $failed failed"
[ $failed -eq 0 ]
