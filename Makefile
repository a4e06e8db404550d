# waymark - customer-journey-map workshops in the terminal.
#
# Targets:
#   make            build ./waymark (and build/libwaymark.a, which the tests link)
#   make demo       install missing libraries, build, make the demo event store,
#                   open the example map on the board
#   make check      install missing libraries, build, run every test
#   make bench      benchmarks (figures as ratios against a floor of the same run)
#   make sanitize   everything under ASan+UBSan, whole test suite
#   make install / uninstall   honours PREFIX and DESTDIR
#
# Warnings (STYLE.md): -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2;
# CI adds -Werror through WERROR=1.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/waymark
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=

CC       ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS   ?= -O2 -g
WARNINGS  = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 \
            -Wmissing-prototypes -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif

PKGS_CORE = yaml-0.1 sqlite3
PKGS_TUI  = ncursesw
CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS_CORE) 2>/dev/null)
CORE_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS_CORE) 2>/dev/null)
# ncursesw's pkg-config asks for _XOPEN_SOURCE=600; we use 700 everywhere.
TUI_CFLAGS  := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(PKGS_TUI) 2>/dev/null))
TUI_LIBS    := $(shell $(PKG_CONFIG) --libs $(PKGS_TUI) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

VERSION  := 0.1.0
ALL_CPPFLAGS = -Isrc -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
               -D_XOPEN_SOURCE_EXTENDED -DWAYMARK_VERSION='"$(VERSION)"' \
               -DWAYMARK_DATADIR='"$(DATADIR)"' $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARNINGS) $(CFLAGS) $(CORE_CFLAGS) $(TUI_CFLAGS)
THREAD_LIBS  = -lpthread -lm

BUILD    ?= build
LIB_DIRS  = src/util src/model src/io src/store src/export
LIB_SRCS  = $(sort $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c)))
APP_SRCS  = $(sort $(wildcard src/cli/*.c src/tui/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/%.o)
APP_OBJS  = $(APP_SRCS:%.c=$(BUILD)/%.o)
LIB       = $(BUILD)/libwaymark.a
# The sanitizer build keeps its binary in its own directory (BIN=build-san/
# waymark) so that it never overwrites ./waymark and every test runner gets
# the binary of the build under test.
BIN       = waymark

UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRCS = $(sort $(wildcard tests/unit/support_*.c))
TEST_SUPPORT_OBJS = $(TEST_SUPPORT_SRCS:%.c=$(BUILD)/%.o)
BENCH_SRCS = $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BINS = $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)
# Small programs the command-line tests drive (tests/tools/*.c); the tests
# find them in $WAYMARK_TOOLS.
TOOL_SRCS = $(sort $(wildcard tests/tools/*.c))
TOOL_BINS = $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: install-files all deps demo check check-unit check-cli check-e2e check-layers \
        check-man bench sanitize install uninstall clean

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(BIN): $(APP_OBJS) $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(APP_OBJS) $(LIB) \
	    $(TUI_LIBS) $(CORE_LIBS) $(THREAD_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(TEST_SUPPORT_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(CMOCKA_CFLAGS) \
	    $(LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJS) $(LIB) $(CMOCKA_LIBS) \
	    $(CORE_LIBS) $(THREAD_LIBS)

# The board's test and bench render screens off-screen: they also link the
# src/tui files that use no curses (the grid, the renderer, keys, forms).
TUI_OFFSCREEN_SRCS = src/tui/grid.c src/tui/view.c src/tui/board-view.c \
                     src/tui/keys.c src/tui/prompt.c src/tui/form.c
TUI_OFFSCREEN_OBJS = $(TUI_OFFSCREEN_SRCS:%.c=$(BUILD)/%.o)

$(BUILD)/tests/test_board: tests/unit/test_board.c $(TEST_SUPPORT_OBJS) \
    $(TUI_OFFSCREEN_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(CMOCKA_CFLAGS) \
	    $(LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJS) $(TUI_OFFSCREEN_OBJS) \
	    $(LIB) $(CMOCKA_LIBS) $(CORE_LIBS) $(THREAD_LIBS)

$(BUILD)/bench/bench_board: tests/bench/bench_board.c $(TUI_OFFSCREEN_OBJS) \
    $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(TUI_OFFSCREEN_OBJS) $(LIB) $(CORE_LIBS) $(THREAD_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) \
	    $(CORE_LIBS) $(THREAD_LIBS)

# Install what the build and the tests need, when it is missing (Debian).
deps:
	@sh .ci/install-deps

demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	@sh tests/demo.sh ./$(BIN)

check: deps
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BINS)
	@$(MAKE) --no-print-directory check-unit check-cli check-e2e check-man

check-unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

check-cli: $(BIN) $(TOOL_BINS)
	@WAYMARK_TOOLS=$(CURDIR)/$(BUILD)/tools sh tests/run-cli.sh ./$(BIN)

check-e2e: $(BIN)
	@sh tests/run-e2e.sh ./$(BIN)

# model/ must not see curses, yaml or sqlite; only store/ may use sqlite,
# only io/ libyaml, only tui/ curses.
check-layers:
	@sh tests/check-layers.sh

check-man:
	@sh tests/check-man.sh

bench: deps $(BIN) $(BENCH_BINS)
	@sh tests/bench/run.sh ./$(BIN) $(BENCH_BINS)

# Sanitizer reports also go to files in build-san/reports (exit status 86),
# so that a report from a command whose failure a test expected (exit 1) or
# from the board inside tmux is not lost: any report fails the run.
SAN_REPORTS = $(CURDIR)/build-san/reports
SAN_ENV = ASAN_OPTIONS=exitcode=86:log_path=$(SAN_REPORTS)/asan:detect_leaks=1 \
          UBSAN_OPTIONS=exitcode=86:halt_on_error=1:print_stacktrace=1:log_path=$(SAN_REPORTS)/ubsan
sanitize:
	@rm -rf $(SAN_REPORTS); mkdir -p $(SAN_REPORTS)
	@$(SAN_ENV) $(MAKE) --no-print-directory BUILD=build-san BIN=build-san/waymark \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check; status=$$?; \
	sh tests/check-reports.sh sanitizer $(SAN_REPORTS) || status=1; exit $$status

# install builds first; install-files copies what is built (INSTALL_BIN,
# the binary to install, defaults to the one just built).
INSTALL_BIN ?= $(BIN)

install: $(BIN)
	@$(MAKE) --no-print-directory install-files

install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/maps \
	    $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/waymark
	install -m 644 maps/*.yaml $(DESTDIR)$(DATADIR)/maps/
	install -m 644 themes/*.yaml $(DESTDIR)$(DATADIR)/themes/
	install -m 644 man/waymark.1 $(DESTDIR)$(MANDIR)/man1/waymark.1
	install -m 644 man/waymark-map.5 $(DESTDIR)$(MANDIR)/man5/waymark-map.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/waymark
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(MANDIR)/man1/waymark.1 $(DESTDIR)$(MANDIR)/man5/waymark-map.5

clean:
	rm -rf build build-san build-fuzz $(BIN)

-include $(LIB_OBJS:.o=.d) $(APP_OBJS:.o=.d)

# ---------------------------------------------------------------------------
# Trust harness (issue 6): fuzzing and valgrind.  See README, "Development".
#
#   make fuzz        every libFuzzer target tests/fuzz/fuzz_*.c for
#                    FUZZ_SECONDS (default 60) each, from its seed corpus
#                    tests/fuzz/corpus/NAME (new inputs go to build-fuzz/)
#   make fuzz-smoke  CI: replay every seed and every fixed crash, then fuzz
#                    each target FUZZ_SMOKE_SECONDS (default 30)
#   make fuzz-plant  CI: plant an off-by-one in a copy of the map loader
#                    and check that its fuzzer catches it
#   make memcheck    unit and command-line tests under valgrind: no invalid
#                    access, no definite leak (ncurses' retained memory is
#                    suppressed by tests/valgrind.supp, nothing else)
#
# The fuzz build is clang with libFuzzer, ASan and UBSan; the library is
# compiled with the same sanitizers plus coverage in build-fuzz/.
# ---------------------------------------------------------------------------
FUZZ_BUILD   = build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_SRCS    = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    = $(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_BUILD)/fuzz/%)
FUZZ_CFLAGS  = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: fuzz fuzz-smoke fuzz-plant fuzz-build fuzz-bins memcheck tools

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="$(FUZZ_CFLAGS)" LDFLAGS= fuzz-bins

fuzz-bins: $(FUZZ_BINS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) \
	    -o $@ $< $(LIB) $(CORE_LIBS) $(THREAD_LIBS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) $(FUZZ_BINS)

fuzz-smoke: fuzz-build
	@sh tests/fuzz/run.sh smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_BINS)

# The harness must catch a real bug: an off-by-one planted in a copy of
# the loader (build-fuzz/plant/) has to stop the map loader's fuzzer.
fuzz-plant:
	@sh tests/fuzz/plant.sh

tools: $(TOOL_BINS)

$(BUILD)/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) \
	    $(CORE_LIBS) $(THREAD_LIBS)

memcheck: deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BINS) $(TOOL_BINS)
	@WAYMARK_TOOLS=$(CURDIR)/$(BUILD)/tools sh tests/memcheck.sh ./$(BIN) $(UNIT_BINS)
