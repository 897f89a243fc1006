#!/usr/bin/env bash
# The short libFuzzer run: every ror type's text input and binary receive
# (test/fuzz/libfuzzer.sh, 18 targets) for 2 seconds each from the seed
# corpus, with AddressSanitizer and UndefinedBehaviorSanitizer; then the
# harness shows it would report a defect (a byte written past a value, a text
# form that does not read back).  The long run (1 M executions per target)
# is in test/fuzz/README.md.  Prints TAP.  Skipped when clang or its
# libFuzzer runtime is missing (`make test` installs no compiler toolchain:
# .ci/run installs them), or when ROR_SKIP_FUZZ=why (test/matrix: the parsing
# code is the same on every server version).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${ROR_SKIP_FUZZ:-}" ]; then
    echo "ok - libFuzzer on every input function # SKIP $ROR_SKIP_FUZZ"
    exit 0
fi
if ! command -v clang >/dev/null \
    || [ ! -f "$(clang -print-resource-dir)/lib/linux/libclang_rt.fuzzer-x86_64.a" ]; then
    echo "ok - libFuzzer on every input function # SKIP no clang with libFuzzer here (apt install clang libclang-rt-dev)"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ROR_FUZZ_OUT=$work

n=0
check() {   # check DESCRIPTION STATUS
    n=$((n + 1))
    if [ "$2" = 0 ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}

status=0
bash test/fuzz/libfuzzer.sh "${ROR_FUZZ_SECONDS:-2}s" >"$work/run.log" 2>&1 || status=$?
# one line per target: "<target> <execs> executions <secs> s  corpus <n>  ok"
while read -r target execs _ _ _ _ _ result; do
    check "libFuzzer $target: $execs executions, no crash, no sanitizer report, every accepted value round-trips" \
        "$([ "$result" = ok ] && [ "$execs" -gt 0 ] && echo 0 || echo 1)"
done < <(grep -E '^[a-z_]+_(in|recv) +[0-9?]+ executions' "$work/run.log")
if [ "$n" != 18 ] || [ "$status" != 0 ]; then
    sed 's/^/# /' "$work/run.log"
    check "all 18 targets ran (ran $n, exit status $status)" 1
fi

# a planted defect must be reported: the harness and its sanitizers work
selftest() {   # selftest MODE EXPECTED-PATTERN
    local out
    out=$(ROR_FUZZ_TARGET=rfm_state_in ROR_FUZZ_SELFTEST=$1 \
          "$work/ror_fuzz" -artifact_prefix="$work/" test/fuzz/corpus/rfm_state_in/* 2>&1) && { echo "# $1: no finding"; return 1; }
    grep -q "$2" <<<"$out" || { sed 's/^/# /' <<<"$out" | head -n 20; return 1; }
}
s=0; selftest overflow 'AddressSanitizer: heap-buffer-overflow' || s=1
check "the harness reports a byte written past an accepted value (AddressSanitizer)" $s
s=0; selftest roundtrip 'while checking an accepted value' || s=1
check "the harness reports a text form that does not read back" $s
echo "1..$n"
