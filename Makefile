# rvx: a process VM running riscv64 Linux programs on x86-64 Linux.
#   make          build ./rvx
#   make demo     install what is missing, build, run the bundled guest programs
#   make check    every test; the last line is "N passed, N failed"
#   make check-stress  the thread and signal suites 20 times each, a tally per test
#   make bench    time rvx against qemu-riscv64 and native builds of the same workloads
#   make check-world  real tools (Debian's sed, grep, gawk) and their own test suites, native,
#                 under qemu-riscv64 and under rvx (root for apt-get source; < 30 minutes)

CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -Wall -Wextra -Werror
ALL_CFLAGS := -std=gnu17 $(WARN) -Isrc -MMD -MP $(CFLAGS)
LDLIBS  := -lm
# rvx links statically: no dynamic loader work at start-up (a third of a static guest's
# start-up time here), and nothing to find at run time. LDSTATIC= links dynamically.
LDSTATIC ?= -static

BUILD   ?= build
OUT     ?= rvx
SRCS    := $(wildcard src/*.c src/*/*.c)
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIBOBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))

# Guest programs: built with Debian's riscv64 cross toolchain.
RV_CC     := riscv64-linux-gnu-gcc
RV_CFLAGS := -O2 -static
GUEST_SRCS := $(wildcard tests/guest/*.c)
GUEST_BINS := $(GUEST_SRCS:tests/guest/%.c=$(BUILD)/guest/%)
ASM_SRCS   := $(wildcard tests/isa/*.S)
ASM_BINS   := $(ASM_SRCS:tests/isa/%.S=$(BUILD)/isa/%)

.PHONY: all deps demo check check-world check-stress bench clean guests
all: $(OUT)

$(OUT): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDSTATIC) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Static library of everything but main, for unit tests.
$(BUILD)/librvx.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/guest/%: tests/guest/%.c $(wildcard tests/guest/*.h) | deps
	@mkdir -p $(dir $@)
	$(RV_CC) $(RV_CFLAGS) -o $@ $< -lm

$(BUILD)/isa/%: tests/isa/%.S tests/isa/harness.h tests/isa/fp_harness.h | deps
	@mkdir -p $(dir $@)
	$(RV_CC) -static -nostdlib -Itests/isa -o $@ $<

guests: $(GUEST_BINS) $(ASM_BINS)

# Installs the Debian packages the build and tests need, when they are missing.
deps:
	@tools/deps.sh

demo: deps rvx $(BUILD)/guest/hello $(BUILD)/guest/demo
	./rvx $(BUILD)/guest/hello
	./rvx $(BUILD)/guest/demo

check: deps rvx $(BUILD)/librvx.a guests
	@tests/run.sh

check-world: deps rvx
	@tests/world/run.sh

check-stress: deps rvx guests
	@tests/stress.sh

bench: deps rvx
	@bench/run.sh

clean:
	rm -rf $(BUILD) rvx

-include $(OBJS:.o=.d)
