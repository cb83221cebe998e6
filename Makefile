# spacelock: see README.md.  `make`, `make check`, `make check SAN=1`,
# `make bench`, `make fuzz`, `make install PREFIX=...`, `make style`.

PREFIX  ?= /usr/local
CC      ?= cc
PKGS    := libcurl libarchive yaml-0.1 libcjson libsolv libsolvext
# Loaded on first use with dlopen, not linked: their own dependencies would
# cost every command ~10 ms of start-up (src/lib/dynload.h).
DL_PKGS := libcurl libarchive
LINK_PKGS := $(filter-out $(DL_PKGS),$(PKGS))

# Each external library's flags come from pkg-config.
PKG_CONFIG ?= pkg-config
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(LINK_PKGS) 2>/dev/null) -ldl

# Before ./configure, say so once instead of one pkg-config error per file.
# Targets that compile nothing work without the libraries.
NO_LIB_GOALS := clean style check-fresh
ifneq ($(filter-out $(NO_LIB_GOALS),$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell $(PKG_CONFIG) --exists $(PKGS) 2>/dev/null && echo ok),ok)
$(error pkg-config or the libraries it describes ($(PKGS)) are missing: run ./configure first)
endif
endif

WARN    := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Werror
OPT     ?= -O2 -g
CPPFLAGS_ALL = -Iinclude -D_GNU_SOURCE $(PKG_CFLAGS)
CFLAGS_ALL   = -std=c11 $(OPT) $(WARN) $(CFLAGS)

ifeq ($(SAN),1)
BUILD   ?= build-san
OPT     := -O1 -g -fno-omit-frame-pointer
CFLAGS_ALL += -fsanitize=address,undefined -fno-sanitize-recover=all
LDSAN   := -fsanitize=address,undefined
else
BUILD   ?= build
endif

# Short "CC file" lines unless V=1 (kbuild style), so warnings stand out.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

LIB_SRCS  := $(sort $(wildcard src/lib/*.c))
CLI_SRCS  := $(sort $(wildcard src/cli/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/t_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
# helpers the unit tests and the fuzz targets share
TEST_COMMON := $(wildcard tests/common/*.h)
HEADERS   := $(sort $(wildcard include/spacelock/*.h))

# Data files (data/*.txt) are embedded in the library: the Makefile turns
# them into one generated C file per build directory (docs/architecture.md).
DATA_FILES := $(sort $(wildcard data/*.txt))

LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/datafiles.o
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/%.o)
LIBA      := $(BUILD)/libspacelock.a
BIN       := $(BUILD)/spacelock
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
REPLAY_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/tests/replay_%)

.PHONY: all check check-only check-fresh check-headers bench fuzz install style clean demo tests
all: spacelock

# The top-level ./spacelock is always the plain build; SAN builds test
# $(BUILD)/spacelock directly.
ifeq ($(SAN),1)
spacelock: $(BIN)
else
spacelock: $(BIN)
	@cp $(BIN) $@
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# The list of data files, rewritten only when it changes: a file added
# with an older date than datafiles.c (cp -p, tar, git switch) or a file
# removed still regenerates datafiles.c, which the dates alone would miss.
%/gen/datafiles.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATA_FILES)' | cmp -s - $@ 2>/dev/null || echo '$(DATA_FILES)' >$@
FORCE:
.PRECIOUS: %/gen/datafiles.list

%/gen/datafiles.c: %/gen/datafiles.list $(DATA_FILES) scripts/embed-data.sh
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q)sh scripts/embed-data.sh $(DATA_FILES) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/datafiles.o: $(BUILD)/gen/datafiles.c
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(LIBA): $(LIB_OBJS)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BIN): $(CLI_OBJS) $(LIBA)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS_ALL) $(LDSAN) -o $@ $(CLI_OBJS) $(LIBA) $(PKG_LIBS) -lm

$(BUILD)/tests/t_%: tests/unit/t_%.c tests/unit/test.h $(TEST_COMMON) $(LIBA)
	@mkdir -p $(dir $@)
	$(say) TEST $@
	$(Q)$(CC) $(CPPFLAGS_ALL) -Itests/unit $(CFLAGS_ALL) $(LDSAN) -o $@ $< $(LIBA) $(PKG_LIBS) -lm

$(BUILD)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay_main.c $(TEST_COMMON) $(LIBA)
	@mkdir -p $(dir $@)
	$(say) REPLAY $@
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDSAN) -Wno-missing-prototypes -o $@ $< tests/fuzz/replay_main.c $(LIBA) $(PKG_LIBS) -lm

tests: $(BIN) $(UNIT_BINS) $(REPLAY_BINS)

# The suites' closing line "N passed, N failed, N skipped" stays the last
# line: when a suite fails, make is ended by SIGPIPE (exit status 141, the
# one signal shells report silently) instead of printing its own error
# line after the summary.  SUITES=tests/scripts/x.sh runs only those.
# Under SAN=1 a sanitizer report ends the program with status 99, not 1:
# a case that expects snapshot's 1 (incomplete) or check's 1 (a finding)
# cannot pass on a UB or ASan abort (log_forms' UTF-16 forms did).
ifeq ($(SAN),1)
SAN_ENV := ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
endif
RUN_SUITES = @$(SAN_ENV) SPACELOCK=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) sh tests/run.sh $(SUITES) || \
	{ kill -PIPE $$PPID; exit 1; }
check: tests check-headers
	$(RUN_SUITES)
# the suites against what is already built
check-only:
	$(RUN_SUITES)

# The README's two commands in a fresh minimal Debian 12 root (as root).
check-fresh:
	@sh scripts/check-fresh.sh

# Each public header must compile on its own.
check-headers:
	@mkdir -p $(BUILD)/hdr
	@for h in $(HEADERS); do \
		printf '#include "%s"\n' "$${h#include/}" > $(BUILD)/hdr/one.c; \
		$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $(BUILD)/hdr/one.c -o $(BUILD)/hdr/one.o || exit 1; \
	done; echo "headers: each compiles alone"

bench: $(BIN)
	@SPACELOCK=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) sh bench/run.sh

# libFuzzer with clang: FUZZ_SECONDS per target (default 60).
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build-fuzz
FUZZ_CFLAGS  := -std=c11 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/gen/datafiles.o
FUZZ_BINS    := $(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS_ALL) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
$(FUZZ_BUILD)/gen/datafiles.o: $(FUZZ_BUILD)/gen/datafiles.c
	clang $(CPPFLAGS_ALL) $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_BUILD)/libspacelock.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(TEST_COMMON) $(FUZZ_BUILD)/libspacelock.a
	clang $(CPPFLAGS_ALL) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_BUILD)/libspacelock.a $(PKG_LIBS) -lm
# FUZZ_TARGETS=buildlog (or fuzz_buildlog): only those are built and run
FUZZ_WANTED  := $(if $(FUZZ_TARGETS),$(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(patsubst fuzz_%,%,$(FUZZ_TARGETS))),$(FUZZ_BINS))
fuzz: $(FUZZ_WANTED)
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

demo: spacelock
	@sh scripts/demo.sh

install: spacelock $(LIBA)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include/spacelock $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 spacelock $(DESTDIR)$(PREFIX)/bin/spacelock
	install -m 644 $(LIBA) $(DESTDIR)$(PREFIX)/lib/libspacelock.a
	install -m 644 $(HEADERS) $(DESTDIR)$(PREFIX)/include/spacelock/
	install -m 644 man/spacelock.1 $(DESTDIR)$(PREFIX)/share/man/man1/spacelock.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@PKGS@|$(LINK_PKGS)|g' spacelock.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/spacelock.pc

style:
	@sh scripts/style.sh

clean:
	rm -rf build build-san build-fuzz spacelock

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(FUZZ_LIB_OBJS:.o=.d)
