# test/e2e/e2e.mk - the end-to-end and concurrency suites, included by the
# top Makefile.  mig compiles test/e2e/e2e.defs into $(B)/e2e/ at build
# time; the generated stubs and demux, the work functions and the suites
# are linked into the test program through TEST_EXTRA_OBJS.  The objects
# live under $(B)/e2e/ so the top Makefile's test/%.c rule never sees them.

E2E_DIR := $(B)/e2e
E2E_GEN := $(E2E_DIR)/e2e.h $(E2E_DIR)/e2eUser.c $(E2E_DIR)/e2eServer.c \
	$(E2E_DIR)/e2eServer.h
E2E_SRCS := $(wildcard test/e2e/*.c)
E2E_OBJS := $(E2E_DIR)/e2eUser.o $(E2E_DIR)/e2eServer.o \
	$(patsubst test/e2e/%.c,$(E2E_DIR)/obj/%.o,$(E2E_SRCS))
E2E_CFLAGS := $(INCLUDES) -I$(E2E_DIR) -Itest/e2e -Itest

# One mig run writes all four files; the user header is the one rules
# depend on, the others come with it.
$(E2E_DIR)/e2e.h: test/e2e/e2e.defs $(MIG) $(B)/include/mach/.stamp
	@mkdir -p $(@D)
	./$(MIG) -I$(B)/include -header $(E2E_DIR)/e2e.h \
	  -user $(E2E_DIR)/e2eUser.c -server $(E2E_DIR)/e2eServer.c \
	  -sheader $(E2E_DIR)/e2eServer.h test/e2e/e2e.defs
$(E2E_DIR)/e2eUser.c $(E2E_DIR)/e2eServer.c $(E2E_DIR)/e2eServer.h: \
		$(E2E_DIR)/e2e.h
	@test -f $@ || { rm -f $<; $(MAKE) --no-print-directory $<; }

# Generated code compiles with the project's warnings, like generated/.
$(E2E_DIR)/%.o: $(E2E_DIR)/%.c $(E2E_GEN)
	$(CC) $(ALL_CFLAGS) $(E2E_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(E2E_DIR)/obj/%.o: test/e2e/%.c $(E2E_GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(E2E_CFLAGS) $(CHECK_CFLAGS) $(DEPFLAGS) \
	  -c -o $@ $<

TEST_EXTRA_OBJS += $(E2E_OBJS)
