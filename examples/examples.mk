# examples.mk - `make demo', second part: the key/value server of
# examples/demo.defs between tasks (examples/kv_demo.c, kv_server.c).
# Included by the top Makefile; everything generated goes to $(B)/examples.
#
# Client stubs and server demuxer come from two mig runs: the server's
# with -prefix do_, so that its work functions (do_kv_put, ...) and the
# client stubs (kv_put, ...) can live in one program.

KV_DIR := $(B)/examples
KV_DEMO := $(KV_DIR)/kv_demo
KV_USER_GEN := $(KV_DIR)/kv.h $(KV_DIR)/kvUser.c
KV_SERVER_GEN := $(KV_DIR)/kvServer.h $(KV_DIR)/kvServer.c
KV_OBJS := $(KV_DIR)/kv_demo.o $(KV_DIR)/kv_server.o $(KV_DIR)/kvUser.o \
	$(KV_DIR)/kvServer.o
KV_CFLAGS := $(ALL_CFLAGS) $(INCLUDES) -I$(KV_DIR) -Iexamples -Igenerated/server

$(KV_USER_GEN) &: examples/demo.defs $(MIG) $(B)/include/mach/.stamp
	@mkdir -p $(KV_DIR)
	$(MIG) -I$(B)/include -n -header $(KV_DIR)/kv.h \
	  -user $(KV_DIR)/kvUser.c examples/demo.defs

$(KV_SERVER_GEN) &: examples/demo.defs $(MIG) $(B)/include/mach/.stamp
	@mkdir -p $(KV_DIR)
	$(MIG) -I$(B)/include -n -prefix do_ -sheader $(KV_DIR)/kvServer.h \
	  -server $(KV_DIR)/kvServer.c examples/demo.defs

$(KV_DIR)/kv_demo.o: examples/kv_demo.c $(KV_DIR)/kv.h
	$(CC) $(KV_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(KV_DIR)/kv_server.o: examples/kv_server.c $(KV_DIR)/kvServer.h
	$(CC) $(KV_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(KV_DIR)/kvUser.o: $(KV_DIR)/kvUser.c $(KV_DIR)/kv.h
	$(CC) $(KV_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(KV_DIR)/kvServer.o: $(KV_DIR)/kvServer.c $(KV_DIR)/kvServer.h
	$(CC) $(KV_CFLAGS) $(DEPFLAGS) -c -o $@ $<
# The notify demuxer, as checked in: the demo provides do_mach_notify_*.
$(KV_DIR)/notifyServer.o: generated/server/notifyServer.c
	@mkdir -p $(KV_DIR)
	$(CC) $(KV_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(KV_DEMO): $(KV_OBJS) $(B)/lib/libmach.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(KV_OBJS) $(B)/lib/libmach.a -lpthread

.PHONY: demo-kv
DEMO_TARGETS += demo-kv
demo-kv: $(KV_DEMO)
	@echo
	@echo "== $(KV_DEMO): a key/value server in one task, clients in three others"
	@$(KV_DEMO)

# Under `make demo', run after the compiler's part even with -j.
ifneq ($(filter demo,$(MAKECMDGOALS)),)
demo-kv: | demo-mig
endif
-include examples/darwin/darwin.mk
