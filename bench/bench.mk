# bench.mk - `make bench', IPC part: bench/ipc_bench.c and the null RPC of
# bench/bench.defs.  Included by the top Makefile; everything generated
# goes to $(B)/bench.  Run alone with `make bench-ipc'; the figures
# chosen with IPC_BENCH_ARGS (rpc kcall oneway ool; default all).

IPC_BENCH_DIR := $(B)/bench
IPC_BENCH := $(IPC_BENCH_DIR)/ipc_bench
IPC_BENCH_GEN := $(IPC_BENCH_DIR)/bench.h $(IPC_BENCH_DIR)/benchUser.c \
	$(IPC_BENCH_DIR)/benchServer.h $(IPC_BENCH_DIR)/benchServer.c
IPC_BENCH_OBJS := $(IPC_BENCH_DIR)/ipc_bench.o $(IPC_BENCH_DIR)/benchUser.o \
	$(IPC_BENCH_DIR)/benchServer.o $(IPC_BENCH_DIR)/bench_util.o
IPC_BENCH_CFLAGS := $(ALL_CFLAGS) $(INCLUDES) -I$(IPC_BENCH_DIR)

$(IPC_BENCH_GEN) &: bench/bench.defs $(MIG) $(B)/include/mach/.stamp
	@mkdir -p $(IPC_BENCH_DIR)
	$(MIG) -I$(B)/include -header $(IPC_BENCH_DIR)/bench.h \
	  -user $(IPC_BENCH_DIR)/benchUser.c \
	  -sheader $(IPC_BENCH_DIR)/benchServer.h \
	  -server $(IPC_BENCH_DIR)/benchServer.c bench/bench.defs

$(IPC_BENCH_DIR)/ipc_bench.o: bench/ipc_bench.c $(IPC_BENCH_DIR)/bench.h \
		$(IPC_BENCH_DIR)/benchServer.h
	$(CC) $(IPC_BENCH_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(IPC_BENCH_DIR)/bench_util.o: bench/bench_util.c bench/bench_util.h
	@mkdir -p $(@D)
	$(CC) $(IPC_BENCH_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(IPC_BENCH_DIR)/%.o: $(IPC_BENCH_DIR)/%.c $(IPC_BENCH_DIR)/bench.h
	$(CC) $(IPC_BENCH_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(IPC_BENCH): $(IPC_BENCH_OBJS) $(B)/lib/libmach.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(IPC_BENCH_OBJS) $(B)/lib/libmach.a -lpthread

.PHONY: bench-ipc
BENCH_TARGETS += bench-ipc
bench-ipc: $(IPC_BENCH)
	@echo
	@$(IPC_BENCH) $(IPC_BENCH_ARGS)

# Under `make bench', never time two things at once, even with -j.
ifneq ($(filter bench,$(MAKECMDGOALS)),)
bench-ipc: | bench-mig
endif

# `make bench', pager part: bench/pager_bench.c, a page fault served by a
# user memory manager against a raw userfaultfd fault.  Run alone with
# `make bench-pager'.
PAGER_BENCH := $(IPC_BENCH_DIR)/pager_bench

$(PAGER_BENCH): bench/pager_bench.c $(IPC_BENCH_DIR)/bench_util.o \
		$(B)/lib/libmach.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) $(DEPFLAGS) -o $@ $< \
	  $(IPC_BENCH_DIR)/bench_util.o $(B)/lib/libmach.a -lpthread

.PHONY: bench-pager
BENCH_TARGETS += bench-pager
bench-pager: $(PAGER_BENCH)
	@echo
	@$(PAGER_BENCH)
	@echo
	@MACHSIM_PAGER_FAULTS=signal $(PAGER_BENCH)

ifneq ($(filter bench,$(MAKECMDGOALS)),)
bench-pager: | bench-ipc
endif
