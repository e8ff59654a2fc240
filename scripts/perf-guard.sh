#!/usr/bin/env bash
# Instruction-count regression guard (issue 7).
#
#   scripts/perf-guard.sh           compare with perf/baseline.txt; fail if a parse
#                                   path needs more than 10% more instructions
#   scripts/perf-guard.sh --update  rewrite perf/baseline.txt from this build
#
# Counts come from callgrind over examples/perfcount.rs (release profile), which
# runs one corpus entry N times and counts only its `measure` loop: they are
# deterministic for a given binary, so they do not depend on machine load. What
# changes them besides the code is the compiler: the baseline records the rustc
# that produced it, and a mismatch is reported next to any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

BASELINE=perf/baseline.txt
LIMIT_PCT=10
N=200
update=false
[[ "${1:-}" == "--update" ]] && update=true

command -v valgrind >/dev/null || { echo "perf-guard: valgrind is not installed" >&2; exit 1; }
cargo build --quiet --release --example perfcount
BIN=target/release/examples/perfcount

count() { # IMPL ENTRY -> instructions per value
    local out
    out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
        --toggle-collect='*perfcount*measure*' "$BIN" "$1" "$2" "$N" 2>&1 >/dev/null) || {
        echo "perf-guard: perfcount failed on $2:" >&2
        echo "$out" >&2
        exit 1
    }
    local total
    total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' <<<"$out")
    echo $(((total + N / 2) / N))
}

rustc_v=$(rustc --version)
# Which token68 scan the CPU (as valgrind presents it) gets: AVX2 or SSSE3 where
# found at run time, SSE2 compares otherwise. It changes the count of the entries
# with a long token68, so those are compared only on a CPU like the baseline's.
cpu=$(valgrind --tool=none -q "$BIN" --cpu)
CPU_BOUND="bearer_jwt"
if $update; then
    {
        echo "# Instructions per parse of each corpus entry (callgrind, release profile)."
        echo "# Regenerate with scripts/perf-guard.sh --update; CI fails on a rise over ${LIMIT_PCT}%."
        echo "# rustc: $rustc_v"
        echo "# cpu: $cpu"
        echo "# entry bytes instructions"
        while IFS=$'\t' read -r entry bytes _; do
            echo "$entry $bytes $(count auth-headers "$entry")"
        done < <("$BIN" --list)
    } >"$BASELINE.tmp"
    mv "$BASELINE.tmp" "$BASELINE"
    cat "$BASELINE"
    exit 0
fi

base_rustc=$(sed -n 's/^# rustc: //p' "$BASELINE")
base_cpu=$(sed -n 's/^# cpu: //p' "$BASELINE")
fail=0
printf '%-22s %8s %12s %12s %8s %10s\n' entry bytes baseline now change instr/byte
while read -r entry bytes base; do
    [[ -z "$entry" || "$entry" == \#* ]] && continue
    if [[ "$cpu" != "$base_cpu" && " $CPU_BOUND " == *" $entry "* ]]; then
        printf '%-22s %8s %12s %12s  (not compared: baseline measured with %s, this CPU: %s)\n' \
            "$entry" "$bytes" "$base" "-" "$base_cpu" "$cpu"
        continue
    fi
    now=$(count auth-headers "$entry")
    pct=$(awk -v n="$now" -v b="$base" 'BEGIN { printf "%+.1f", (n - b) * 100 / b }')
    ipb=$(awk -v n="$now" -v l="$bytes" 'BEGIN { printf "%.2f", n / l }')
    flag=""
    if awk -v n="$now" -v b="$base" -v l="$LIMIT_PCT" 'BEGIN { exit !(n > b * (1 + l / 100)) }'; then
        flag="  REGRESSION"
        fail=1
    fi
    printf '%-22s %8s %12s %12s %7s%% %10s%s\n' "$entry" "$bytes" "$base" "$now" "$pct" "$ipb" "$flag"
done <"$BASELINE"
if ((fail)); then
    echo "perf-guard: a parse path needs more than ${LIMIT_PCT}% more instructions than perf/baseline.txt." >&2
    if [[ "$base_rustc" != "$rustc_v" ]]; then
        echo "perf-guard: note: the baseline was made with '$base_rustc', this is '$rustc_v'." >&2
    fi
    echo "perf-guard: if the rise is intended, run scripts/perf-guard.sh --update and commit the baseline." >&2
    exit 1
fi
echo "perf-guard: no parse path above +${LIMIT_PCT}%"
