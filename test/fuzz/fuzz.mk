# test/fuzz/fuzz.mk - fuzz targets, included by the top Makefile.
# make fuzz: the compiler's libFuzzer target (clang), seeded with the golden
# and error cases; FUZZ_SECONDS bounds the run.  Findings worth keeping go
# into test/fuzz/corpus/, which make check replays.  A target that finds a
# crash fails make fuzz and names its reproducer (tools/run_fuzzer.sh).
FUZZ_SECONDS ?= 60

# libFuzzer comes with clang, which the quick start does not need.
.PHONY: fuzz-clang
fuzz-clang:
	@command -v clang >/dev/null 2>&1 || { \
	  echo "make fuzz needs clang: apt-get install clang" >&2; exit 1; }

# make fuzz-kmsg: arbitrary bytes as messages to the kernel (fuzz_kmsg.c),
# seeded with test/fuzz/kmsg-corpus/.  libmach, the e2e server and the
# helpers are rebuilt with clang under $(FK_B) by a recursive make, with
# coverage, ASan and UBSan; the entry is linked with libFuzzer.  Keep
# findings in test/fuzz/kmsg-corpus/ (make check replays them).
# make fuzz-kmsg-seeds rewrites the valid seeds from the current layouts.
FUZZ_TARGETS += fuzz-kmsg
FK_B := build/fuzz/kmsg
FK_OBJS := $(FK_B)/e2e/e2eServer.o $(FK_B)/e2e/obj/e2e_server.o \
	$(FK_B)/e2e/obj/e2e_util.o $(FK_B)/e2e/obj/e2e_kview.o \
	$(FK_B)/lib/libmach.a
.PHONY: fuzz-kmsg fuzz-kmsg-build fuzz-kmsg-seeds
fuzz-kmsg-build: fuzz-clang
	$(MAKE) --no-print-directory B=$(FK_B) SAN=1 CC=clang \
	  CFLAGS='-O1 -g -fsanitize=fuzzer-no-link -Wno-error' $(FK_OBJS)
	clang -std=c11 -D_GNU_SOURCE -DFUZZ_LIBFUZZER -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(INCLUDES) -Itest -Itest/e2e -I$(FK_B)/e2e -o build/fuzz/fuzz_kmsg \
	  test/fuzz/fuzz_kmsg.c $(FK_OBJS) -lpthread
fuzz-kmsg: fuzz-kmsg-build
	@mkdir -p build/fuzz/kmsg-corpus
	sh test/fuzz/tools/run_fuzzer.sh fuzz-kmsg build/fuzz/kmsg- \
	  build/fuzz/fuzz_kmsg -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  build/fuzz/kmsg-corpus test/fuzz/kmsg-corpus
fuzz-kmsg-seeds: all $(B)/e2e/e2e.h
	@mkdir -p build/fuzz
	$(CC) $(ALL_CFLAGS) $(INCLUDES) -Itest -I$(B)/e2e -Itest/e2e \
	  -o build/fuzz/kmsg_seeds test/fuzz/tools/kmsg_seeds.c \
	  $(B)/lib/libmach.a -lpthread
	build/fuzz/kmsg_seeds test/fuzz/kmsg-corpus

.PHONY: fuzz fuzz-mig
fuzz: fuzz-mig $(FUZZ_TARGETS)
fuzz-mig: fuzz-clang $(MIG_GEN) $(B)/mig/parser.h $(B)/mig/lexer.h
	@mkdir -p build/fuzz/seeds build/fuzz/corpus
	clang -std=c11 -D_GNU_SOURCE -DFUZZ_LIBFUZZER -g -O1 \
	  -fsanitize=fuzzer,address,undefined -Imig -I$(B)/mig -Itest \
	  $(YAML_CFLAGS) -o build/fuzz/fuzz_mig test/fuzz/fuzz_mig.c \
	  $(filter-out mig/driver.c,$(MIG_SRCS)) $(MIG_GEN) $(YAML_LIBS)
	cp test/mig/golden/*.defs test/mig/errors/*.defs build/fuzz/seeds/
	sh test/fuzz/tools/run_fuzzer.sh fuzz-mig build/fuzz/mig- \
	  build/fuzz/fuzz_mig -max_total_time=$(FUZZ_SECONDS) \
	  build/fuzz/corpus build/fuzz/seeds test/fuzz/corpus
