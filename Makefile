# prolo: prolotherapy treatment-course planner.
#
#   make            build ./prolo, the release build (in-tree: it reads ./data)
#   make run        install what is missing, build, print the example handout
#   make test       install what is missing, build, run every test
#   make check-layers    modules use only their own and lower layers
#   make install    PREFIX=/usr/local DESTDIR= (binary, data, docs)
#   make check-asan      the test suite under AddressSanitizer and UBSan
#   make check-valgrind  the test suite under valgrind memcheck
#   make check-faults    every allocation and write failing in turn
#   make fuzz            libFuzzer on the loaders and the whole path
#   make coverage        branch coverage (gcovr), loader, scheduler, dosing
#                        and prep >= 95%
#   make bench           a synthetic census timed against libyaml alone and
#                        a bare start (BENCH_N=10000), and with a clinic's
#                        book (BENCH_BOOK=50000) against none, and a larger
#                        one given as a folder (BENCH_BIG=100000; 0 skips
#                        it) against libyaml alone, with targets
#
# ./prolo is only ever the release build (a copy of build/prolo).  Each
# variant builds in a folder of its own, keeps its binary there, and its
# tests run that binary; its --version says "(NAME build)":
#
#   check-asan      build/asan/prolo      check-faults  build/fault/prolo-fault
#   check-valgrind  build/valgrind/prolo  fuzz          build/fuzz/fuzz_*
#   coverage        build/cov/prolo       install       build/install/prolo
#
# (install's is a release build for PREFIX, with no tag.)

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATAROOT ?= $(PREFIX)/share
MANDIR   ?= $(DATAROOT)/man
DATADIR  ?= $(CURDIR)/data
BUILD    ?= build
# A build in a folder of its own (build/asan ...) is a variant: it says
# so in --version, "prolo 0.1.0 (asan build)", and never becomes ./prolo.
VARIANT  ?= $(if $(filter build,$(BUILD)),,$(notdir $(BUILD)))

CC       ?= cc
# Debian's own Python, where its python3-* packages install, even when
# another python3 comes first in PATH.
PYTHON   ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
PKG_CONFIG ?= pkg-config
CSTD      = -std=c11 -D_XOPEN_SOURCE=700
WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
OPT      ?= -O2 -g
CFLAGS   ?= $(OPT)
# libical as Debian builds it expands RRULEs with ICU's calendar, whose
# caches ics.c empties after each book (u_cleanup) so that nothing of a
# read is left; a libical built without ICU needs none of it.
ICU       = $(shell $(PKG_CONFIG) --exists icu-uc 2>/dev/null && echo icu-uc)
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) -Iinclude -MMD -MP \
	     $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null) \
	     $(shell $(PKG_CONFIG) --cflags libical $(ICU) 2>/dev/null) \
	     $(if $(ICU),-DPROLO_ICU)
LDLIBS_YAML   = $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
# libical's pkg-config names its calendar-store and vCard libraries too;
# ics.c and book_ics.c need only the parser and its zones.
LDLIBS_ICAL   = $(shell $(PKG_CONFIG) --libs-only-L libical 2>/dev/null) -lical \
		$(if $(ICU),$(shell $(PKG_CONFIG) --libs-only-l icu-uc | \
		    sed 's/-licudata//')) -pthread
LDLIBS_CMOCKA = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

# Every module but main.c goes into a library the tests link against.
MODULES = agenda book book_csv book_ics care clinic cmd cmd_agenda \
	  cmd_check cmd_plan cmd_prep cmd_protocols date diag dose dosing \
	  drugs explain fault file handout ics library load norm operands output \
	  patient plan prep print print_agenda print_csv print_html print_ics \
	  print_json print_prep print_text protocol rules sched schema screen \
	  sha256 strv terms tree utf8 walk wrap xalloc
LIB_OBJ = $(MODULES:%=$(BUILD)/%.o) $(BUILD)/version.o
TESTS   = $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
TEST_BIN = $(TESTS:%=$(BUILD)/tests/%)


.PHONY: all run test check unit golden deps install uninstall clean \
	asan valgrind check-asan check-valgrind fuzz fuzz-deps check-faults \
	coverage bench bench-big check-layers

# ./prolo is the release build and nothing else: a clinic runs it from
# the tree, and a sanitizer's binary, many times slower, must never
# take its place unseen.  A variant's binary stays in its own folder
# (build/asan/prolo), where its tests run it; asked for ./prolo, a
# variant refuses.
ifeq ($(BUILD)$(VARIANT),build)
all: prolo

prolo: $(BUILD)/prolo FORCE
	@cmp -s $(BUILD)/prolo $@ || cp $(BUILD)/prolo $@
else
all: $(BUILD)/prolo

prolo: FORCE
	@echo "make: ./prolo is the release build only (BUILD=build, no" \
	    "VARIANT); this build's binary is $(BUILD)/prolo" >&2; exit 1
endif

$(BUILD)/prolo: $(BUILD)/main.o $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_YAML) $(LDLIBS_ICAL) \
	    $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The version, the data directory and the variant are compiled in; a
# stamp rebuilds version.o when one changes, so an installed binary
# never points into a source tree and a variant never passes for the
# release.
VERSION_STAMP = '$(VERSION)' '$(DATADIR)' '$(VARIANT)'

$(BUILD)/version.o: src/version.c $(BUILD)/version.stamp | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DPROLO_VERSION='"$(VERSION)"' \
	    -DPROLO_DATADIR='"$(DATADIR)"' \
	    $(if $(VARIANT),-DPROLO_VARIANT='"$(VARIANT)"') -c -o $@ $<

$(BUILD)/version.stamp: FORCE | $(BUILD)/tests
	@printf '%s\n' $(VERSION_STAMP) | cmp -s - $@ || \
	    printf '%s\n' $(VERSION_STAMP) > $@

# Every unit test links the printer tests' shared fixture too.
$(BUILD)/tests/%: tests/%.c $(LIB_OBJ) $(BUILD)/tests/fixture.o | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) \
	    $(BUILD)/tests/fixture.o $(LDLIBS_CMOCKA) $(LDLIBS_YAML) \
	    $(LDLIBS_ICAL) $(LDLIBS)

$(BUILD)/tests/fixture.o: tests/fixture.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests -c -o $@ $<

$(BUILD)/tests:
	mkdir -p $@

FORCE:

# Set-up: install a package only when pkg-config cannot find what it
# provides, so a machine that has everything is never touched.
# libical 3 as Debian builds it reads its time zones from the system's
# /usr/share/zoneinfo, which tzdata installs.
deps:
	@missing=; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	$(PKG_CONFIG) --exists yaml-0.1 2>/dev/null || missing="$$missing libyaml-dev"; \
	$(PKG_CONFIG) --exists cmocka 2>/dev/null || missing="$$missing libcmocka-dev"; \
	$(PKG_CONFIG) --exists libical 2>/dev/null || missing="$$missing libical-dev"; \
	test -r /usr/share/zoneinfo/America/New_York || missing="$$missing tzdata"; \
	command -v $(PYTHON) >/dev/null 2>&1 || missing="$$missing python3"; \
	$(PYTHON) -c 'import icalendar' >/dev/null 2>&1 || \
	    missing="$$missing python3-icalendar"; \
	$(PYTHON) -c 'import yaml' >/dev/null 2>&1 || \
	    missing="$$missing python3-yaml"; \
	command -v mandoc >/dev/null 2>&1 || missing="$$missing mandoc"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
		    --no-install-recommends $$missing; \
	fi

run: deps
	$(MAKE) prolo
	./prolo plan data/examples/jane-doe.yaml

# ./prolo first (the quick start's), then the tests, which run the
# build's own binary.
test: deps
	$(MAKE) all
	$(MAKE) check

check: unit golden check-layers

# Modules use their own layer or lower ones, never a higher one, and
# never in a cycle: src/LAYERS, checked by tools/check-layers with nm.
check-layers: $(BUILD)/main.o $(LIB_OBJ)
	sh tools/check-layers src/LAYERS $(BUILD)/main.o $(LIB_OBJ)

# PYTHON: test_utf8 checks its Unicode tables against Python's.
unit: $(TEST_BIN)
	@status=0; for t in $(TEST_BIN); do \
		PYTHON='$(PYTHON)' $(TEST_WRAP) $$t || status=1; \
	done; exit $$status

# Every tests/*.sh checks the binary; each ends "NAME: N passed, M failed".
# They run this build's own binary, PROLO, never ./prolo, and
# tests/variant.sh checks it names PROLO_VARIANT in --version.
golden: $(BUILD)/prolo
	@status=0; for t in tests/*.sh; do \
		PROLO='$(abspath $(BUILD)/prolo)' PROLO_VARIANT='$(VARIANT)' \
		PROLO_WRAP='$(TEST_WRAP)' PYTHON='$(PYTHON)' sh $$t || status=1; \
	done; exit $$status

# Sanitizer and valgrind runs of the whole suite, each in its own
# build folder so they never mix objects with the release build.
# clang where it is installed: its UBSan also checks the C library's
# nonnull arguments (memcpy from NULL), which gcc's does not.
check-asan: deps
	$(MAKE) BUILD=build/asan CC="$$(command -v clang || echo $(CC))" \
	    OPT='-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	    LDFLAGS='-fsanitize=address,undefined' check

check-valgrind: deps
	@command -v valgrind >/dev/null 2>&1 || { \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get install -y -qq --no-install-recommends valgrind; }
	$(MAKE) BUILD=build/valgrind OPT='-O0 -g' \
	    TEST_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all' check

asan: check-asan
valgrind: check-valgrind

# Branch coverage of the whole suite (gcovr), with the loader, the
# scheduler, the dose limit (dosing.c) and the preparations (prep.c)
# held to COVER_MIN percent of their branches.
COVER_MIN = 95
COVER_CORE = src/tree.c src/schema.c src/patient.c src/protocol.c \
	     src/clinic.c src/rules.c src/drugs.c src/load.c src/library.c \
	     src/care.c src/terms.c src/sched.c src/book.c src/book_csv.c \
	     src/ics.c src/book_ics.c src/dosing.c src/prep.c

coverage: deps
	@command -v gcovr >/dev/null 2>&1 || { \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get install -y -qq --no-install-recommends gcovr; }
	@# Counts from an earlier run are not this one's.
	rm -f build/cov/*.gcda build/cov/tests/*.gcda
	$(MAKE) BUILD=build/cov OPT='-O0 -g --coverage' \
	    LDFLAGS='--coverage' check
	gcovr -r . --object-directory build/cov --exclude 'tests/' \
	    --exclude-unreachable-branches --exclude-throw-branches
	gcovr -r . --object-directory build/cov --branches \
	    $(COVER_CORE:%=--filter %) --exclude-unreachable-branches \
	    --fail-under-branch $(COVER_MIN)

# Benchmarks (bench/): a synthetic census of BENCH_N patients, timed
# against libyaml's parser alone and a bare start, with ratios; with
# a clinic's book of BENCH_BOOK appointments against the same clinic
# without it; and a census of BENCH_BIG patients given as a folder, more
# than an argument list can name, against libyaml alone over the folder
# (BENCH_BIG=0 leaves it out).
BENCH_N ?= 10000
BENCH_BOOK ?= 50000
BENCH_BIG ?= 100000
BENCH_BIG_DIR = $(BUILD)/bench/census-big
BENCH_BIN = $(BUILD)/bench/gen $(BUILD)/bench/floor $(BUILD)/bench/bare \
	    $(BUILD)/bench/run $(BUILD)/bench/sched

bench: deps
	$(MAKE) prolo $(BENCH_BIN)
	rm -rf $(BUILD)/bench/census $(BUILD)/bench/out
	mkdir -p $(BUILD)/bench/out
	$(BUILD)/bench/gen -c $(BUILD)/bench/clinic.yaml \
	    -k $(BUILD)/bench/book.csv -a $(BENCH_BOOK) \
	    $(BUILD)/bench/census $(BENCH_N)
	$(if $(filter-out 0,$(BENCH_BIG)),$(MAKE) bench-big)
	$(BUILD)/bench/run -p ./prolo -f $(BUILD)/bench/floor \
	    -C $(BUILD)/bench/clinic.yaml -B $(BUILD)/bench/book.csv \
	    $(if $(filter-out 0,$(BENCH_BIG)),-F $(BENCH_BIG_DIR)) \
	    -b $(BUILD)/bench/bare -s $(BUILD)/bench/sched \
	    -1 data/examples/jane-doe.yaml -o $(BUILD)/bench/out \
	    $(BUILD)/bench/census $(BENCH_N)

# The large census is written again only when it is missing, of another
# size, or older than gen: removing 100,000 files, writing them and
# flushing them to disk takes half a minute here, more than its timing,
# and its stamp, beside it, is written last, so an interrupted one is
# never taken for whole.
bench-big: $(BUILD)/bench/gen
	@if [ "$$(cat $(BENCH_BIG_DIR).stamp 2>/dev/null)" != '$(BENCH_BIG)' ] || \
	    [ ! -d $(BENCH_BIG_DIR) ] || \
	    [ $(BUILD)/bench/gen -nt $(BENCH_BIG_DIR).stamp ]; then \
		echo "writing $(BENCH_BIG) patients in $(BENCH_BIG_DIR)"; \
		rm -rf $(BENCH_BIG_DIR) $(BENCH_BIG_DIR).stamp && \
		$(BUILD)/bench/gen $(BENCH_BIG_DIR) $(BENCH_BIG) && \
		echo '$(BENCH_BIG)' > $(BENCH_BIG_DIR).stamp; \
	fi

$(BUILD)/bench/gen $(BUILD)/bench/run: $(BUILD)/bench/%: bench/%.c
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/bench/floor $(BUILD)/bench/bare: $(BUILD)/bench/%: bench/%.c
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS_YAML)

$(BUILD)/bench/sched: bench/sched.c $(LIB_OBJ)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS_YAML) \
	    $(LDLIBS_ICAL) $(LDLIBS)

# Fault injection: a build whose allocations (prolo's and a static
# libyaml's, through --wrap) and output writes fail on demand, driven by
# tests/fault/run.sh through every allocation and write in turn.
FAULT_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

check-faults: deps
	$(MAKE) BUILD=build/fault OPT='-O1 -g -DPROLO_FAULTS' \
	    build/fault/prolo-fault
	PROLO=build/fault/prolo-fault sh tests/fault/run.sh

$(BUILD)/prolo-fault: $(BUILD)/main.o $(LIB_OBJ) $(BUILD)/fault-alloc.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ -Wl,-Bstatic -lyaml \
	    -Wl,-Bdynamic $(LDLIBS_ICAL) $(FAULT_WRAP) $(LDLIBS)

$(BUILD)/fault-alloc.o: tests/fault/alloc.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Fuzzing with libFuzzer (clang): each harness runs FUZZ_SECONDS on a
# scratch corpus seeded from its own seeds (the YAML loaders share
# tests/corpus); crashes land in build/fuzz/.  FUZZERS=fuzz_book_ics
# runs one alone.
FUZZ_SECONDS ?= 30
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZERS = fuzz_load fuzz_plan fuzz_book_csv fuzz_book_ics
fuzz_load_SEEDS = tests/corpus
fuzz_plan_SEEDS = tests/corpus
fuzz_book_csv_SEEDS = tests/corpus-csv
fuzz_book_ics_SEEDS = tests/corpus-ics

fuzz: fuzz-deps
	$(MAKE) BUILD=build/fuzz CC=clang \
	    OPT='-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)' \
	    $(FUZZERS:%=build/fuzz/%)
	@$(foreach f,$(FUZZERS),mkdir -p build/fuzz/corpus-$(f) && \
		build/fuzz/$(f) -max_total_time=$(FUZZ_SECONDS) -timeout=2 \
		    -rss_limit_mb=512 -max_len=65536 -print_final_stats=1 \
		    -artifact_prefix=build/fuzz/$(f)- \
		    build/fuzz/corpus-$(f) $($(f)_SEEDS) || exit 1;)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< \
	    $(LIB_OBJ) $(LDLIBS_YAML) $(LDLIBS_ICAL) $(LDLIBS)

fuzz-deps: deps
	@command -v clang >/dev/null 2>&1 && \
	    printf 'int LLVMFuzzerTestOneInput(const char *d, long n)' \
	    '{ (void)d; (void)n; return 0; }\n' | \
	    clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null || { \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
		    --no-install-recommends clang libclang-rt-14-dev; }

install:
	$(MAKE) BUILD=build/install DATADIR=$(DATAROOT)/prolo VARIANT= \
	    build/install/prolo
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATAROOT)/prolo/protocols \
	    $(DESTDIR)$(DATAROOT)/prolo/examples
	install -m 755 build/install/prolo $(DESTDIR)$(BINDIR)/prolo
	install -m 644 data/care.yaml data/care.es.yaml data/clinic.yaml \
	    data/drugs.yaml data/terms.yaml $(DESTDIR)$(DATAROOT)/prolo/
	install -m 644 data/protocols/*.yaml $(DESTDIR)$(DATAROOT)/prolo/protocols/
	install -m 644 data/examples/*.yaml $(DESTDIR)$(DATAROOT)/prolo/examples/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(DATAROOT)/bash-completion/completions
	install -m 644 man/prolo.1 $(DESTDIR)$(MANDIR)/man1/prolo.1
	install -m 644 man/prolo-files.5 $(DESTDIR)$(MANDIR)/man5/prolo-files.5
	install -m 644 completion/prolo.bash \
	    $(DESTDIR)$(DATAROOT)/bash-completion/completions/prolo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/prolo
	rm -rf $(DESTDIR)$(DATAROOT)/prolo
	rm -f $(DESTDIR)$(MANDIR)/man1/prolo.1 $(DESTDIR)$(MANDIR)/man5/prolo-files.5
	rm -f $(DESTDIR)$(DATAROOT)/bash-completion/completions/prolo

clean:
	rm -rf build prolo tests/out

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
