#!/usr/bin/env bash
# test/fuzz/libfuzzer.sh: fuzz every ror type's text input and binary receive
# with libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   bash test/fuzz/libfuzzer.sh [RUNS] [TARGET ...]
#
# RUNS: executions per target (default 1000000); `30s` instead runs each
# target for 30 seconds.  TARGETs: <type>_in or <type>_recv (default: all 18).
# Builds tmp/fuzz/ror_fuzz from ror's src/*.c, harness.c and shim.c (clang;
# clang and libclang-rt-dev are installed when missing), starts each
# target from its seeds in test/fuzz/corpus/<target>/ (left untouched: new
# inputs go to tmp/fuzz/corpus/<target>/), and prints one line per target:
# executions, corpus size, result.  Exits non-zero on the first finding; the
# input that caused it is saved as tmp/fuzz/crash-<target>-*.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FUZZ="$ROOT/test/fuzz"
OUT=${ROR_FUZZ_OUT:-$ROOT/tmp/fuzz}
RUNS=${1:-1000000}
[ $# -gt 0 ] && shift
TARGETS=("$@")
TYPES=(nps_summary churn_summary survival rfm_state gamma_gamma gamma_gamma_state bgnbd bgnbd_hist sbg)
if [ ${#TARGETS[@]} = 0 ]; then
    for t in "${TYPES[@]}"; do TARGETS+=("${t}_in" "${t}_recv"); done
fi

. "$ROOT/test/lib/cluster.sh"
CC=${ROR_FUZZ_CC:-clang}
command -v "$CC" >/dev/null || apt_install clang
[ -f "$("$CC" -print-resource-dir)/lib/linux/libclang_rt.fuzzer-x86_64.a" ] \
    || apt_install libclang-rt-dev
ensure_deps
INC=$("$PG_CONFIG" --includedir-server)
# the static frontend libraries (stringinfo, psprintf, hashing, shortest
# float printing): Debian keeps them in pkglibdir, a source build in libdir
PKGLIB=$("$PG_CONFIG" --pkglibdir)
[ -f "$PKGLIB/libpgcommon.a" ] || PKGLIB=$("$PG_CONFIG" --libdir)

# -fno-strict-aliasing as the server builds extensions, but not its -fwrapv:
# with -fwrapv clang drops UBSan's signed-overflow check, and an overflow in
# ror's arithmetic is a bug even where the server's build would wrap it
SAN="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all"
CFLAGS="-g -O1 -Wno-ignored-attributes -fno-omit-frame-pointer -fno-strict-aliasing $SAN -ffunction-sections -fdata-sections"
rm -rf "$OUT/obj"; mkdir -p "$OUT/obj"
say "== building the fuzz harness ($CC, PostgreSQL $PG_MAJOR headers)"
for f in "$ROOT"/src/*.c; do
    "$CC" $CFLAGS -fsanitize=fuzzer-no-link -isystem "$INC" -I"$ROOT/src" -DROR_VERSION='"fuzz"' \
        -c "$f" -o "$OUT/obj/$(basename "${f%.c}").o"
done
for f in harness shim; do
    "$CC" $CFLAGS -fsanitize=fuzzer-no-link -isystem "$INC" -I"$FUZZ" -c "$FUZZ/$f.c" -o "$OUT/obj/fuzz_$f.o"
done
# The harness reaches the I/O functions and what they call; the rest of ror
# (aggregates, set-returning functions, SPI) refers to server symbols the
# shim does not provide.  Those become stubs that abort if ever called.
link() {
    "$CC" $SAN -fsanitize=fuzzer -o "$OUT/ror_fuzz" "$OUT"/obj/*.o "$@" \
        "$PKGLIB/libpgcommon.a" "$PKGLIB/libpgport.a" -lm
}
link -Wl,--warn-unresolved-symbols 2>&1 \
    | sed -n "s/.*undefined reference to \`\([A-Za-z_][A-Za-z_0-9]*\)'.*/\1/p" | sort -u >"$OUT/missing.txt"
{
    printf '#include <stdio.h>\n#include <stdlib.h>\n'
    printf 'static void missing(const char *f) { fprintf(stderr, "ror fuzz harness: %%s called: the shim has no such function\\n", f); abort(); }\n'
    while read -r f; do printf 'void %s(void) { missing("%s"); }\n' "$f" "$f"; done <"$OUT/missing.txt"
} >"$OUT/stubs.c"
"$CC" -g -c "$OUT/stubs.c" -o "$OUT/stubs.o"
link "$OUT/stubs.o"
say "== $(wc -l <"$OUT/missing.txt") server functions stubbed (only reachable outside the I/O functions): $OUT/missing.txt"
status=0
for t in "${TARGETS[@]}"; do
    seeds="$FUZZ/corpus/$t"
    work="$OUT/corpus/$t"
    [ -d "$seeds" ] || die "no seed corpus $seeds (test/fuzz/make_corpus.sh makes them)"
    mkdir -p "$work"
    case $RUNS in
        *s) limit=(-max_total_time="${RUNS%s}") ;;
        *) limit=(-runs="$RUNS") ;;
    esac
    log="$OUT/$t.log"
    start=$(date +%s)
    # inputs up to 4 kB; no input may need more than 256 MB at once
    if ROR_FUZZ_TARGET=$t ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$OUT/ror_fuzz" "${limit[@]}" -max_len=4096 -rss_limit_mb=2048 -malloc_limit_mb=256 \
            -timeout=10 -print_final_stats=1 -artifact_prefix="$OUT/crash-$t-" \
            "$work" "$seeds" >"$log" 2>&1; then
        result=ok
    else
        result="FINDING (log: $log)"
        status=1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    corpus=$(ls "$work" | wc -l)
    printf '%-26s %10s executions %6s s  corpus %5d  %s\n' "$t" "${execs:-?}" \
        "$(( $(date +%s) - start ))" "$corpus" "$result"
    if [ $status != 0 ]; then
        grep -E 'ror fuzz harness|ERROR: |runtime error|SUMMARY' "$log" | head -n 20
        exit 1
    fi
done
