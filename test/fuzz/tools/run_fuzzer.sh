#!/bin/sh
# run_fuzzer.sh NAME ARTIFACT_PREFIX FUZZER [libFuzzer arguments...]
# Runs one libFuzzer target; prints its executions per second at the end.
# When the target finds a crash, a leak or a timeout, says where the
# reproducer is and exits non-zero, so that `make fuzz' fails.
name=$1 prefix=$2 fuzzer=$3
shift 3
log=$prefix$name.log
mkdir -p "$(dirname "$prefix")"
"$fuzzer" -print_final_stats=1 -artifact_prefix="$prefix" "$@" 2>"$log"
status=$?
grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" |
	sed "s/^/$name: /"
if [ "$status" -ne 0 ]; then
	tail -n 40 "$log" >&2
	echo "$name: the fuzzer failed (exit $status); its log: $log" >&2
	for f in "$prefix"crash-* "$prefix"leak-* "$prefix"timeout-* \
	    "$prefix"oom-*; do
		[ -e "$f" ] && echo "$name: reproducer: $f" >&2
	done
	echo "$name: replay with: $fuzzer <reproducer>; keep it in the" \
	    "target's corpus once fixed" >&2
	exit 1
fi
echo "$name: no crash"
