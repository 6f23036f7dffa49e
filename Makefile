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

# SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer; SAN=thread:
# ThreadSanitizer.  Each has its own build folder.
SAN ?= 0
ifeq ($(SAN),1)
B := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else ifeq ($(SAN),thread)
B := build/tsan
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
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

# -Igenerated: the kernel demuxers' headers, as <kernel/<sub>Server.h>.
INCLUDES := -Iruntime/include -Igenerated/include -Ikernel-sim/include -Igenerated

# ---- libmach -------------------------------------------------------------------

# libmach: the runtime and, in the embedded configuration, the kernel.
#
# KERNEL_IFACES are the interfaces the kernel serves (DEFS-MAP 1.1).  Each
# gives libmach its client stubs (generated/user/<s>User.c: Darwin's
# mach_port_allocate, task_create, ...) and the kernel its demuxer
# (generated/kernel/<s>Server.[ch], made with -DKERNEL_SERVER=1 -prefix
# ksim_: work functions ksim_<routine>, demux ksim_<s>_server).  Kernel
# code and the kernel demuxers compile with MACHSIM_KERNEL, the kernel
# view of <mach/mach_types.h>.
KERNEL_IFACES := mach_port task thread_act vm_map mach_host host_priv \
	host_security clock clock_priv lock_set semaphore processor \
	processor_set ledger memory_object_control default_pager_object \
	mach_i386 mach_vm
# The kernel demuxers' subsystem tables are ksim_<s>_subsystem, so that a
# user-mode server of the same interface can link with libmach; kernel
# code sees the same names through the same definitions.
KERNEL_CFLAGS := -DMACHSIM_KERNEL $(INCLUDES) \
	$(foreach s,$(KERNEL_IFACES),-D$(s)_subsystem=ksim_$(s)_subsystem)

# Where Darwin's library answers a call by a trap or locally, the
# message form's stub keeps its id under another name (DESIGN: both
# forms exist): Darwin's later _host_page_size, and _semaphore_* for the
# semaphore routines whose libsystem form is the trap.
SEM_ROUTINES := signal signal_all wait signal_thread timedwait wait_signal \
	timedwait_signal
GEN_RENAME_semaphore := $(foreach r,$(SEM_ROUTINES),\
	-Dsemaphore_$(r)=_semaphore_$(r))
GEN_RENAME_mach_host := -Dhost_page_size=_host_page_size

RT_SRCS := $(wildcard runtime/*.c) $(wildcard kernel-sim/*/*.c)
# notify_server (generated/server/notifyServer.c) serves notifications in
# user programs; runtime/notify_defaults.c answers the ones a program
# leaves out.  exc_server and mach_exc_server likewise, with
# runtime/exc_defaults.c; the exc and mach_exc client stubs send the
# exceptions of faulting threads (runtime/exc_deliver.c).  clock_reply_server
# serves the kernel's alarm replies.  memory_object_server and
# memory_object_default_server serve memory managers, with
# runtime/memory_object_defaults.c; the kernel builds its own messages to
# a manager (kernel-sim/vm/vm_pager.c).
RT_GEN_SRCS := $(patsubst %,generated/user/%User.c,$(KERNEL_IFACES)) \
	$(patsubst %,generated/kernel/%Server.c,$(KERNEL_IFACES)) \
	generated/server/notifyServer.c \
	generated/user/excUser.c generated/user/mach_excUser.c \
	generated/server/excServer.c generated/server/mach_excServer.c \
	generated/server/clock_replyServer.c \
	generated/server/memory_objectServer.c \
	generated/server/memory_object_defaultServer.c
RT_OBJS := $(patsubst %.c,$(B)/%.o,$(RT_SRCS) $(RT_GEN_SRCS))
RT_PIC_OBJS := $(patsubst %.c,$(B)/pic/%.o,$(RT_SRCS) $(RT_GEN_SRCS))

$(B)/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(INCLUDES) $(DEPFLAGS) -c -o $@ $<
$(B)/kernel-sim/%.o: kernel-sim/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(KERNEL_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/kernel-sim/%.o: kernel-sim/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(KERNEL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The kernel demuxers.  Their reply port descriptors start from mig's
# templates (UseStaticTemplates), a null name included, so a kernel
# routine that succeeds without naming a port answers MACH_PORT_NULL.
# (The templates are Apple's text, `const static', which -Wextra flags.)
DEMUX_CFLAGS := -DUseStaticTemplates=1 $(if $(shell $(CC) --version 2>/dev/null \
	| grep -i clang),,-Wno-old-style-declaration)
$(B)/generated/kernel/%Server.o: generated/kernel/%Server.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(KERNEL_CFLAGS) $(DEMUX_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/generated/kernel/%Server.o: generated/kernel/%Server.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(KERNEL_CFLAGS) $(DEMUX_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/generated/server/%.o: generated/server/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(GEN_USER_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/pic/generated/user/%User.o: generated/user/%User.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC $(GEN_USER_CFLAGS) $(GEN_RENAME_$*) \
	  $(DEPFLAGS) -c -o $@ $<

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
# The identity-protected exception routines are in mach_exc's user view
# only when asked for (defs/mach_exc.defs); libmach has them.
MIGFLAGS_DEFS := -I$(B)/include -DMACH_EXC_SERVER_TASKIDTOKEN=1 \
	-DMACH_EXC_SERVER_TASKIDTOKEN_STATE=1

# gen_defs DIR: run mig on every interface into DIR (include/mach, user,
# server), with paths relative to the tree so the output is byte-stable.
define gen_defs
	@rm -rf $(1) && mkdir -p $(1)/include/mach $(1)/user $(1)/server \
	  $(1)/kernel
	@for f in $(IFACE_DEFS); do \
	  s=$$(basename $$f .defs); \
	  ./$(MIG) $(MIGFLAGS_DEFS) -header $(1)/include/mach/$$s.h \
	    -user $(1)/user/$${s}User.c -server $(1)/server/$${s}Server.c \
	    -sheader $(1)/server/$${s}Server.h $$f || exit 1; \
	done
	@for s in $(KERNEL_IFACES); do \
	  ./$(MIG) $(MIGFLAGS_DEFS) -DKERNEL_SERVER=1 -prefix ksim_ \
	    -header /dev/null -user /dev/null \
	    -server $(1)/kernel/$${s}Server.c \
	    -sheader $(1)/kernel/$${s}Server.h defs/$$s.defs || exit 1; \
	done
	@touch $(1)/.keep
endef

# Every generated file compiles with the project's warnings (user stubs
# and user-mode servers; the kernel builds its own KernelServer variants).
GEN_SRCS := $(wildcard generated/user/*.c generated/server/*.c)
GEN_OBJS := $(patsubst %.c,$(B)/%.o,$(GEN_SRCS))
GEN_USER_CFLAGS := -Iruntime/include -Igenerated/include \
	-Igenerated/include/mach -Igenerated/server
$(B)/generated/%.o: generated/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(GEN_USER_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/generated/user/%User.o: generated/user/%User.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(GEN_USER_CFLAGS) $(GEN_RENAME_$*) \
	  $(DEPFLAGS) -c -o $@ $<

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

# Parts of the tree add their own rules in a fragment (generated test
# interfaces, benchmarks, fuzz targets, examples); a fragment may append
# objects to TEST_EXTRA_OBJS for the test program.
TEST_EXTRA_OBJS :=
DEMO_TARGETS :=
BENCH_TARGETS :=
FUZZ_TARGETS :=
-include test/e2e/e2e.mk bench/bench.mk test/fuzz/fuzz.mk examples/examples.mk

# Tests link the static library, so they run from the build tree.
$(TEST_BIN): $(TEST_OBJS) $(TEST_EXTRA_OBJS) $(B)/mig/libmig.a \
		$(filter %.a,$(LIBMACH))
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CHECK_LIBS) $(YAML_LIBS) -lpthread

.PHONY: all check demo bench install clean
all: $(MIG) $(LIBMACH) $(B)/include/mach/.stamp $(GEN_OBJS)

# The suite finds the tools it runs through the environment.
TEST_ENV = MACHSIM_MIG=$(abspath $(MIG)) MACHSIM_TOP=$(CURDIR) \
	MACHSIM_BUILD=$(abspath $(B)) MACHSIM_CC="$(CC)" \
	MACHSIM_CFLAGS="$(ALL_CFLAGS)" MACHSIM_SAN=$(SAN)

# The pager suite runs twice: first reads through the userfaultfd where
# the host has one, then with protection faults only (docs/pager.md).
check: all $(TEST_BIN) check-generated
	$(TEST_ENV) $(TEST_BIN)
	@if [ -z "$$CK_RUN_SUITE" ] || [ "$$CK_RUN_SUITE" = pager ]; then \
	  echo "pager suite again, protection faults only:"; \
	  $(TEST_ENV) MACHSIM_PAGER_FAULTS=signal CK_RUN_SUITE=pager \
	    $(TEST_BIN); fi

# Fragments add to DEMO_TARGETS and BENCH_TARGETS; each runs after the
# compiler's own demo or benchmark.
.PHONY: demo-mig bench-mig
demo: demo-mig $(DEMO_TARGETS)
demo-mig: all
	@sh examples/demo.sh $(MIG) $(B)/include

bench: bench-mig $(BENCH_TARGETS)
bench-mig: all
	@bash bench/mig_bench.sh $(abspath $(MIG))

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/mach \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/machsim/defs \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(MIG) $(DESTDIR)$(PREFIX)/bin/mig
	# Generated interface headers first, then the hand-written ones,
	# which win where Darwin writes a header by hand (notify.h,
	# semaphore.h).
	cp -R generated/include/. $(DESTDIR)$(PREFIX)/include/
	cp -R runtime/include/. $(DESTDIR)$(PREFIX)/include/
	# Darwin declares pthread_mach_thread_np in <pthread.h>.
	install -m 644 runtime/compat/pthread.h $(DESTDIR)$(PREFIX)/include/
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

# mig against Apple's (MIG_ORACLE: Apple's migcom) and XNU's interface
# files through the installed mig and clang (MACHSIM_XNU: an XNU tree);
# each says plainly that it skipped when its variable is not set.
.PHONY: mig-oracle mig-oracle-gnumach mig-xnu
mig-oracle: all
	@bash test/mig/oracle/compare.sh $(MIG); rc=$$?; [ $$rc -eq 77 ] || exit $$rc
# The same over GNU Mach's interfaces (Debian's gnumach-dev), those
# Apple's compiler accepts; the others are listed as skipped.
GNUMACH_DEFS_DIR ?= /usr/include/$(shell gcc -dumpmachine 2>/dev/null)
mig-oracle-gnumach: all
	@files=$$(grep -l '^[[:space:]]*subsystem' \
	  $(GNUMACH_DEFS_DIR)/mach/*.defs $(GNUMACH_DEFS_DIR)/device/*.defs \
	  $(GNUMACH_DEFS_DIR)/mach_debug/*.defs 2>/dev/null); \
	if [ -z "$$files" ]; then \
	  echo "mig-oracle-gnumach: SKIPPED: no GNU Mach .defs under" \
	    "$(GNUMACH_DEFS_DIR) (apt-get install gnumach-dev)"; exit 0; fi; \
	bash test/mig/oracle/compare.sh $(MIG) $$files; rc=$$?; \
	[ $$rc -eq 77 ] || exit $$rc
mig-xnu: all
	@bash test/mig/xnu_compile.sh; rc=$$?; [ $$rc -eq 77 ] || exit $$rc

# docs/api-status.md is written from the code (which kernel work functions
# do real work, which suites name each call); rerun after a change.
.PHONY: api-status
api-status:
	python3 build-aux/api_status.py > docs/api-status.md
