# rvx: a process VM running riscv64 Linux programs on x86-64 Linux.
#   make          build ./rvx
#   make demo     install what is missing, build, run the bundled guest programs
#   make check    every test; the last line is "N passed, N failed"
#   make check-stress  the thread and signal suites 20 times each, a tally per test
#   make bench    time rvx against qemu-riscv64 and native builds of the same workloads
#   make fuzz     each libFuzzer harness of tests/fuzz/ for FUZZ_SECONDS (default 60) seconds
#   make check SANITIZE=address,undefined  the suites against an rvx built with sanitizers
#                 (SANITIZE=thread: the thread suite against a ThreadSanitizer build)
#   make install  rvx, its man page and bash completion under PREFIX (/usr/local), DESTDIR
#   make uninstall  removes them again
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

# Sanitized test runs: make check SANITIZE=address,undefined (or thread) builds rvx with those
# sanitizers into build/san-LIST/ (linked dynamically: the sanitizer runtimes need it) and runs
# the suites against it; guests and librvx.a stay in $(BUILD). SANITIZE=thread runs the suites
# in SAN_SUITES (default: the thread suite) instead of all. Rules at the end.
ifneq ($(SANITIZE),)
comma     := ,
SAN_CC    ?= clang-14
SAN_DIR   := build/san-$(subst $(comma),-,$(SANITIZE))
SAN_RVX   := $(SAN_DIR)/rvx
SAN_OBJS  := $(SRCS:src/%.c=$(SAN_DIR)/obj/%.o)
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
ifneq ($(filter thread,$(subst $(comma), ,$(SANITIZE))),)
SAN_SUITES ?= 72-threads
endif
SAN_CHECK = tests/fuzz/san_check.sh $(abspath $(SAN_RVX)) $(SAN_SUITES)
else
SAN_CHECK = tests/run.sh
endif

# The fuzz harnesses are built with the rest for make check (suite 92-fuzz) when clang is there.
FUZZ_CC    ?= clang-14
FUZZ_CHECK := $(if $(shell command -v $(FUZZ_CC)),fuzz-build)

.PHONY: all deps demo check check-world check-stress bench clean guests fuzz fuzz-build install uninstall
all: $(OUT)

# The version rvx --version prints (the file VERSION).
VERSION := $(shell cat VERSION 2>/dev/null)
$(BUILD)/obj/util/version.o: ALL_CFLAGS += -DRVX_VERSION='"$(VERSION)"'
$(BUILD)/obj/util/version.o: VERSION

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

check: deps rvx $(BUILD)/librvx.a guests $(SAN_RVX) $(FUZZ_CHECK)
	@$(SAN_CHECK)

check-world: deps rvx
	@tests/world/run.sh

check-stress: deps rvx guests
	@tests/stress.sh

bench: deps rvx
	@bench/run.sh

clean:
	rm -rf $(BUILD) rvx

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
install: $(OUT)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(OUT) $(DESTDIR)$(BINDIR)/rvx
	install -m 644 docs/rvx.1 $(DESTDIR)$(MANDIR)/man1/rvx.1
	install -m 644 dist/bash-completion/rvx $(DESTDIR)$(BASHCOMPDIR)/rvx

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rvx $(DESTDIR)$(MANDIR)/man1/rvx.1 $(DESTDIR)$(BASHCOMPDIR)/rvx

-include $(OBJS:.o=.d)

# ---- Fuzzing: libFuzzer harnesses (tests/fuzz/fuzz_NAME.c) linked with every rvx object
# but main.c, all built by clang with AddressSanitizer and UBSan into build/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=gnu17 $(WARN) -Isrc -MMD -MP -O1 -g $(FUZZ_SAN)
FUZZ_OBJS    := $(filter-out $(FUZZ_BUILD)/obj/main.o,$(SRCS:src/%.c=$(FUZZ_BUILD)/obj/%.o))
FUZZ_BINS    := $(patsubst tests/fuzz/fuzz_%.c,$(FUZZ_BUILD)/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) -lm -lpthread

fuzz-build: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_OBJS)

# Runs each harness FUZZ_SECONDS seconds (nice 19, one at a time), keeps what adds coverage
# in tests/fuzz/corpus/NAME/, and adds the time to tests/fuzz/LOG.md.
fuzz: deps fuzz-build guests
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

-include $(FUZZ_OBJS:.o=.d)

# ---- Sanitized rvx (variables above) ----
ifneq ($(SANITIZE),)
$(SAN_DIR)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(SAN_CC) -std=gnu17 $(WARN) -Isrc -MMD -MP -O1 -g $(SAN_FLAGS) -c -o $@ $<
$(SAN_DIR)/obj/util/version.o: SAN_FLAGS += -DRVX_VERSION='"$(VERSION)"'
$(SAN_DIR)/obj/util/version.o: VERSION

# The runtime options that let the sanitizers live with rvx's signal handling, built in.
$(SAN_DIR)/san_options.o: tests/fuzz/san_options.c
	@mkdir -p $(dir $@)
	$(SAN_CC) -std=gnu17 $(WARN) -O1 -c -o $@ $<

$(SAN_RVX): $(SAN_OBJS) $(SAN_DIR)/san_options.o
	$(SAN_CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(SAN_DIR)/san_options.o -lm -lpthread

-include $(SAN_OBJS:.o=.d)
endif
