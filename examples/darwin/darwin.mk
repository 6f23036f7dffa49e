# darwin.mk - `make check-darwin': the Darwin-style programs of
# examples/darwin/*.c, built the way a user of an installed machsim builds
# them.  Included from examples/examples.mk.
#
# The tree is installed under $(B)/inst (SAN=... carries over to the
# sub-make, so a sanitizer build installs its own libraries); each program
# is then compiled with the project's flags and nothing but
# `pkg-config --cflags --libs machsim' of that tree, against libmach.a
# and against libmach.so, and run (examples/darwin/check.sh).  The darwin
# Check suite (test/darwin/test_darwin.c) does the same under `make check'.

DARWIN_PREFIX := $(abspath $(B))/inst
DARWIN_OUT := $(B)/darwin

.PHONY: check-darwin
check-darwin:
	$(MAKE) --no-print-directory install PREFIX=$(DARWIN_PREFIX) DESTDIR=
	@rm -rf $(DARWIN_OUT)
	CC="$(CC)" DARWIN_CFLAGS="$(ALL_CFLAGS)" \
	  sh examples/darwin/check.sh $(DARWIN_PREFIX) $(DARWIN_OUT)

# The Check suite `darwin' (test/darwin/test_darwin.c) is linked into the
# test program; the top Makefile's test rule compiles it.
TEST_EXTRA_OBJS += $(B)/test/darwin/test_darwin.o
