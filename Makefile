# machsim: one non-recursive Makefile.  Objects go under build/ (build/san/
# for the sanitizer build, SAN=1).  The first run installs what is missing
# (build-aux/deps.sh), runs autoconf and configure, and writes config.mk.
#
#   make            build mig and libmach
#   make demo       run mig on examples/demo.defs and show what it made
#   make check      the whole test suite (SAN=1: under ASan and UBSan)
#   make defs       rebuild generated/ from defs/ with the fresh mig
#   make bench      print benchmark figures (never part of the tests)
#   make install    PREFIX=/usr/local DESTDIR=

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

# ---- configuration -------------------------------------------------------

# config.mk is remade (and make restarts) whenever it is missing or older
# than its sources; that is where missing dependencies get installed.
include config.mk

config.mk: configure.ac config.mk.in build-aux/deps.sh
	@sh build-aux/deps.sh
	autoconf
	./configure --quiet

PREFIX ?= /usr/local
DESTDIR ?=

SAN ?= 0
ifeq ($(SAN),1)
B := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else
B := build
SANFLAGS :=
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS)
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)
DEPFLAGS = -MMD -MP

# ---- mig --------------------------------------------------------------------

MIG := $(B)/mig/mig
MIG_SRCS := $(wildcard mig/*.c)
MIG_GEN := $(B)/mig/lexer.c $(B)/mig/parser.c
MIG_LIB_OBJS := $(patsubst %.c,$(B)/%.o,$(filter-out mig/driver.c,$(MIG_SRCS))) \
	$(MIG_GEN:.c=.o)
MIG_CFLAGS := -Imig -I$(B)/mig $(YAML_CFLAGS)

$(B)/mig/parser.c $(B)/mig/parser.h: mig/parser.y
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror -d -o $(B)/mig/parser.c $<

$(B)/mig/lexer.c $(B)/mig/lexer.h: mig/lexer.l
	@mkdir -p $(@D)
	$(FLEX) --header-file=$(B)/mig/lexer.h -o $(B)/mig/lexer.c $<

# The generated scanner and parser are compiled with the same warnings.
$(B)/mig/%.o: $(B)/mig/%.c $(B)/mig/parser.h $(B)/mig/lexer.h
	$(CC) $(ALL_CFLAGS) $(MIG_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(B)/mig/%.o: mig/%.c $(B)/mig/parser.h $(B)/mig/lexer.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(MIG_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(B)/mig/libmig.a: $(MIG_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(MIG): $(B)/mig/driver.o $(B)/mig/libmig.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(YAML_LIBS)

# ---- the include tree mig and users see ------------------------------------

# <mach/std_types.defs> and friends resolve to defs/ through build/include:
# build/include/mach/X.defs for every defs/X.defs, and the machine file
# under mach/machine/ as Darwin's std_types.defs expects it.
DEFS := $(wildcard defs/*.defs)
$(B)/include/mach/.stamp: $(DEFS)
	@rm -rf $(@D) && mkdir -p $(@D)/machine
	@for f in $(DEFS); do cp $$f $(@D)/; done
	@cp defs/machine_types.defs $(@D)/machine/
	@touch $@

INCLUDES := -Iruntime/include -Igenerated/include -Ikernel-sim/include

# ---- libmach -------------------------------------------------------------------

# libmach: the runtime and, in the embedded configuration, the kernel.
RT_SRCS := $(wildcard runtime/*.c) $(wildcard kernel-sim/*/*.c)
RT_OBJS := $(patsubst %.c,$(B)/%.o,$(RT_SRCS))
RT_PIC_OBJS := $(patsubst %.c,$(B)/pic/%.o,$(RT_SRCS))

$(B)/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(INCLUDES) $(DEPFLAGS) -c -o $@ $<
$(B)/kernel-sim/%.o: kernel-sim/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/kernel-sim/%.o: kernel-sim/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(INCLUDES) $(DEPFLAGS) -c -o $@ $<

$(B)/lib/libmach.a: $(RT_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^
$(B)/lib/libmach.so: $(RT_PIC_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS_ALL) -Wl,-soname,libmach.so -o $@ $^ -lpthread

# The libraries exist once there is code for them.
LIBMACH := $(if $(strip $(RT_SRCS)),$(B)/lib/libmach.a $(B)/lib/libmach.so)

# ---- generated/ from defs/ --------------------------------------------------------

# Interfaces are the .defs with a subsystem statement.
IFACE_DEFS := $(shell grep -l '^[[:space:]]*subsystem' $(DEFS) /dev/null 2>/dev/null)
MIGFLAGS_DEFS := -I$(B)/include

# gen_defs DIR: run mig on every interface into DIR (include/mach, user,
# server), with paths relative to the tree so the output is byte-stable.
define gen_defs
	@rm -rf $(1) && mkdir -p $(1)/include/mach $(1)/user $(1)/server
	@for f in $(IFACE_DEFS); do \
	  s=$$(basename $$f .defs); \
	  ./$(MIG) $(MIGFLAGS_DEFS) -header $(1)/include/mach/$$s.h \
	    -user $(1)/user/$${s}User.c -server $(1)/server/$${s}Server.c \
	    -sheader $(1)/server/$${s}Server.h $$f || exit 1; \
	done
	@touch $(1)/.keep
endef

# Every generated file compiles with the project's warnings (user stubs
# and user-mode servers; the kernel builds its own KernelServer variants).
GEN_SRCS := $(wildcard generated/user/*.c generated/server/*.c)
GEN_OBJS := $(patsubst %.c,$(B)/%.o,$(GEN_SRCS))
$(B)/generated/%.o: generated/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iruntime/include -Igenerated/include -Igenerated/include/mach \
	  -Igenerated/server $(DEPFLAGS) -c -o $@ $<

.PHONY: defs check-generated
defs: $(MIG) $(B)/include/mach/.stamp
	$(call gen_defs,build/generated.new)
	@rm -rf generated && mv build/generated.new generated
	@echo "generated/ rebuilt from $(words $(IFACE_DEFS)) interface(s)"

check-generated: $(MIG) $(B)/include/mach/.stamp
	$(call gen_defs,$(B)/generated.check)
	@if ! diff -r -x .keep generated $(B)/generated.check >/dev/null 2>&1; then \
	  echo "generated/ is stale: run 'make defs' and commit the result" >&2; \
	  diff -r -x .keep generated $(B)/generated.check | head -40 >&2; exit 1; \
	fi
	@echo "generated/ is up to date"

# ---- tests ---------------------------------------------------------------------------

TEST_SRCS := test/check_main.c $(wildcard test/support/*.c) \
	$(wildcard test/mig/*.c) \
	$(wildcard test/fuzz/*.c) $(wildcard test/runtime/*.c) \
	$(wildcard test/kernel-sim/*.c test/kernel-sim/*/*.c)
TEST_OBJS := $(patsubst %.c,$(B)/%.o,$(TEST_SRCS))
TEST_BIN := $(B)/test/check_all

$(B)/test/%.o: test/%.c $(B)/mig/parser.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(MIG_CFLAGS) $(INCLUDES) -Itest $(CHECK_CFLAGS) \
	  $(DEPFLAGS) -c -o $@ $<

# Tests link the static library, so they run from the build tree.
$(TEST_BIN): $(TEST_OBJS) $(B)/mig/libmig.a $(filter %.a,$(LIBMACH))
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CHECK_LIBS) $(YAML_LIBS) -lpthread

.PHONY: all check demo bench install clean
all: $(MIG) $(LIBMACH) $(B)/include/mach/.stamp $(GEN_OBJS)

# The suite finds the tools it runs through the environment.
check: all $(TEST_BIN) check-generated
	MACHSIM_MIG=$(abspath $(MIG)) MACHSIM_TOP=$(CURDIR) \
	MACHSIM_BUILD=$(abspath $(B)) MACHSIM_CC="$(CC)" \
	MACHSIM_CFLAGS="$(ALL_CFLAGS)" \
	  $(TEST_BIN)

demo: all
	@sh examples/demo.sh $(MIG) $(B)/include

bench: all
	@bash bench/mig_bench.sh $(abspath $(MIG))

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/mach \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/machsim/defs \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(MIG) $(DESTDIR)$(PREFIX)/bin/mig
	cp -R runtime/include/mach/. $(DESTDIR)$(PREFIX)/include/mach/
	if [ -d generated/include/mach ]; then \
	  cp -R generated/include/mach/. $(DESTDIR)$(PREFIX)/include/mach/; fi
	$(if $(LIBMACH),install -m 644 $(LIBMACH) $(DESTDIR)$(PREFIX)/lib/)
	install -m 644 $(DEFS) $(DESTDIR)$(PREFIX)/share/machsim/defs/
	# As on Darwin, <mach/std_types.defs> and friends resolve through
	# -I$(PREFIX)/include.
	install -d $(DESTDIR)$(PREFIX)/include/mach/machine
	install -m 644 $(DEFS) $(DESTDIR)$(PREFIX)/include/mach/
	install -m 644 defs/machine_types.defs $(DESTDIR)$(PREFIX)/include/mach/machine/
	install -m 644 docs/mig.1 $(DESTDIR)$(PREFIX)/share/man/man1/mig.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' build-aux/machsim.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/machsim.pc

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' 2>/dev/null)

.PHONY: golden-update
golden-update: all $(TEST_BIN)
	MACHSIM_GOLDEN_UPDATE=1 CK_RUN_SUITE=golden \
	MACHSIM_MIG=$(abspath $(MIG)) MACHSIM_TOP=$(CURDIR) \
	MACHSIM_BUILD=$(abspath $(B)) MACHSIM_CC="$(CC)" \
	MACHSIM_CFLAGS="$(ALL_CFLAGS)" $(TEST_BIN)

# make fuzz: the compiler's libFuzzer target (clang), seeded with the golden
# and error cases; FUZZ_SECONDS bounds the run.  Findings worth keeping go
# into test/fuzz/corpus/, which make check replays.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: $(B)/mig/parser.h
	@mkdir -p build/fuzz/seeds
	clang -std=c11 -D_GNU_SOURCE -DFUZZ_LIBFUZZER -g -O1 \
	  -fsanitize=fuzzer,address,undefined -Imig -I$(B)/mig -Itest \
	  $(YAML_CFLAGS) -o build/fuzz/fuzz_mig test/fuzz/fuzz_mig.c \
	  $(filter-out mig/driver.c,$(MIG_SRCS)) $(MIG_GEN) $(YAML_LIBS)
	cp test/mig/golden/*.defs test/mig/errors/*.defs build/fuzz/seeds/
	build/fuzz/fuzz_mig -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus build/fuzz/seeds \
	  test/fuzz/corpus || true
