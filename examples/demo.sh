#!/bin/sh
# make demo: compile examples/demo.defs with mig and show what it made.
set -eu
mig=$1
inc=${2:-build/include}
out=build/demo
rm -rf "$out" && mkdir -p "$out"
echo "== mig -I$inc examples/demo.defs"
"$mig" -I"$inc" -header "$out/kv.h" -user "$out/kvUser.c" \
	-server "$out/kvServer.c" -sheader "$out/kvServer.h" \
	-yaml "$out/kv.yaml" -list "$out/kv.list" examples/demo.defs
echo
echo "== routines (subsystem base routine number request-id reply-id)"
cat "$out/kv.list"
echo
echo "== client prototypes, from $out/kv.h"
sed -n '/^kern_return_t kv_put$/,/^);/p' "$out/kv.h"
echo
echo "== request layout of kv_put, from $out/kv.yaml"
awk '/name: kv_put/{f=1} f&&/request_fields/{p=1} p{print} p&&/reply:/{exit}' \
	"$out/kv.yaml" | sed '$d'
echo
echo "== the generated files compile with -Wall -Wextra -Werror"
for f in kvUser.c kvServer.c; do
	cc -std=c11 -Wall -Wextra -Werror -Iruntime/include -Iexamples -I"$out" \
		-c -o "$out/${f%.c}.o" "$out/$f"
	printf '   %-12s %6d lines  ok\n' "$f" "$(wc -l < "$out/$f")"
done
echo
echo "All outputs are in $out/."
