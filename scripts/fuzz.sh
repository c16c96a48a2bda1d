#!/usr/bin/env bash
# The fuzz command (issue 13): the long versions of the robustness checks, then one table of
# figures (cases, failures, the slowest case and its time, wall time per part).
#
#   1. monkey     10,000 random UI actions on the built page (tests/e2e/monkey.test.mjs with
#                 MONKEY_ACTIONS=10000 MONKEY_KEEP_GOING=1: a failure is recorded, a fresh page
#                 opened, and the run goes on), then its long run (Play on 32×32, 1,000 phases)
#   2. csv loop   the CSV fuzz checks of fuzz/ on any toolchain (fuzz-loop, FUZZ_INPUTS inputs)
#   3. libfuzzer  every cargo-fuzz target in fuzz/fuzz_targets/ (cargo-fuzz, built when missing;
#                 the stable toolchain with RUSTC_BOOTSTRAP=1; AddressSanitizer when available)
#   4. props      property tests sized for fuzzing: every tests/*fuzz*.rs (each env var it reads
#                 set to FUZZ_CASES) and tests/hardening_numbers.rs (HARDENING_CASES)
#   5. facade     tests/hardening_facade.rs in headless Chrome with FACADE_CALLS random calls of
#                 the exported class (HARDENING_FACADE_CALLS, read at build time)
#   6. long       tests/e2e/long-runs.test.mjs at full size: 1,000,000 steps of Play on 32×32,
#                 10,000 traced phases, a 3,000-pull link, 2,000 maps, 500 parameter changes
# A part whose tool or folder is missing is reported as skipped, not failed.
#
#   bash scripts/fuzz.sh                         everything (hours on 2 cores)
#   FUZZ_ONLY=monkey bash scripts/fuzz.sh        one part (comma list: monkey,loop,libfuzzer,props,facade,long)
#   MONKEY_SEED=7 MONKEY_ACTIONS=2000 E2E_DIST=/tmp/dist bash scripts/fuzz.sh
#
# Env: MONKEY_SEED (13), MONKEY_ACTIONS (10000), E2E_DIST (a built dist/; without it
# scripts/build.sh builds dist/ first), FUZZ_INPUTS (1000000, per fuzz target), FUZZ_CASES
# (100000), HARDENING_CASES (10000), FACADE_CALLS (100000), FUZZ_SECONDS (libFuzzer's -max_total_time per target, 0 = none),
# FUZZ_SANITIZER (address, or none when the toolchain has no ASan runtime), FUZZ_TARGETS (the
# libFuzzer targets to run, default every fuzz/fuzz_targets/*.rs),
# FUZZ_DRY=1 (print the cargo commands instead of running them).
# Exit status 0 iff every part that ran found nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never NO_COLOR=1

FUZZ_ONLY=${FUZZ_ONLY:-monkey,loop,libfuzzer,props,facade,long}
MONKEY_ACTIONS=${MONKEY_ACTIONS:-10000}
MONKEY_SEED=${MONKEY_SEED:-13}
FUZZ_INPUTS=${FUZZ_INPUTS:-1000000}
FUZZ_CASES=${FUZZ_CASES:-100000}
HARDENING_CASES=${HARDENING_CASES:-10000}
FACADE_CALLS=${FACADE_CALLS:-100000}
FUZZ_SECONDS=${FUZZ_SECONDS:-0}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
rows=()        # name|cases|failures|slowest|seconds
status=0

# cargo, or with FUZZ_DRY=1 only the command line.
cargo_() {
  if [ "${FUZZ_DRY:-0}" = 1 ]; then echo "(dry run) cargo $*"; return 0; fi
  cargo "$@"
}
wants() { [[ ",$FUZZ_ONLY," == *",$1,"* ]]; }
banner() { printf '\n==== fuzz: %s ====\n' "$*"; }
row() { rows+=("$1|$2|$3|$4|$5"); }
fail_if() { [ "$1" = "0" ] || [ "$1" = "-" ] || status=1; }

# ---- 1. the monkey in the browser -----------------------------------------------------------------
if wants monkey; then
  banner "monkey: $MONKEY_ACTIONS random UI actions, seed $MONKEY_SEED"
  t0=$SECONDS
  dist=${E2E_DIST:-}
  if [ -z "$dist" ]; then
    if bash scripts/build.sh; then dist=$PWD/dist; else echo "fuzz.sh: scripts/build.sh failed" >&2; fi
  fi
  if [ -n "$dist" ] && [ -f "$dist/index.html" ]; then
    summary=$logs/monkey.json
    E2E_DIST=$dist MONKEY_ACTIONS=$MONKEY_ACTIONS MONKEY_SEED=$MONKEY_SEED MONKEY_KEEP_GOING=1 MONKEY_SUMMARY=$summary \
      node --test --test-reporter=spec tests/e2e/monkey.test.mjs 2>&1 | tee "$logs/monkey.log"
    rc=${PIPESTATUS[0]}
    if [ -f "$summary" ]; then
      IFS='|' read -r cases failures slowest < <(node -e '
        const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const slow = s.slowest.ms ? `#${s.slowest.i} ${s.slowest.ms} ms: ${String(s.slowest.desc).slice(0, 70)}` : "-";
        const task = s.longestTask ? `; longest main-thread task ${s.longestTask.ms} ms` : "";
        console.log([s.actions, s.failures, slow + task].join("|"));
        for (const f of s.failed) console.error(`  monkey failure at #${f.index}: ${f.problems.join("; ")}\n    replay: ${f.replay}\n    actions: ${f.file}`);
      ' "$summary")
      # The long run is a test of its own: its failure counts too.
      long_fail=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/monkey.log" | grep -c '^✖ long run' || true)
      row "monkey (seed $MONKEY_SEED)" "$cases actions" "$failures" "$slowest" $((SECONDS - t0))
      [ "$long_fail" = "0" ] || failures=$((failures + 1))
      if sed 's/\x1b\[[0-9;]*m//g' "$logs/monkey.log" | grep -q '^﹣ long run'; then
        row "monkey long run" "-" "skipped (MONKEY_LONG=0)" "-" "-"
      else
        row "monkey long run" "Play 10 s + 1,000 phases" "$long_fail" "$(sed -n 's/^long run, Play: \([0-9,]* steps\).*wasm memory \([0-9.]* → [0-9.]* MiB\).*/\1, wasm \2/p' "$logs/monkey.log" | head -n 1)" "-"
      fi
      fail_if "$failures"
      [ "$rc" -eq 0 ] || status=1
    else
      row "monkey (seed $MONKEY_SEED)" "-" "did not run (exit $rc)" "-" $((SECONDS - t0))
      status=1
    fi
  else
    row "monkey" "-" "did not run (no dist)" "-" $((SECONDS - t0))
    status=1
  fi
fi

# ---- 2. the CSV fuzz loop (stable toolchain) ------------------------------------------------------
if wants loop; then
  if [ -f fuzz/Cargo.toml ] && grep -q 'name = "fuzz-loop"' fuzz/Cargo.toml; then
    banner "csv loop: $FUZZ_INPUTS inputs (fuzz/src/bin/fuzz_loop.rs)"
    t0=$SECONDS
    cargo_ run --quiet --release --manifest-path fuzz/Cargo.toml --no-default-features --bin fuzz-loop -- "$FUZZ_INPUTS" 2>&1 | tee "$logs/loop.log"
    rc=${PIPESTATUS[0]}
    # "csv fuzz (seed 13): N inputs in X s; slowest input #i took Y ms: …" then "N passed, M failed"
    cases=$(sed -n 's/^csv fuzz (seed [0-9]*): \([0-9]*\) inputs.*/\1/p' "$logs/loop.log" | tail -n 1)
    slowest=$(sed -n 's/.*slowest input \(#[0-9]*\) took \([0-9.]* ms\).*/\1 \2/p' "$logs/loop.log" | tail -n 1)
    failures=$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed$/\1/p' "$logs/loop.log" | tail -n 1)
    [ -n "$failures" ] || failures="did not finish (exit $rc)"
    [ "${FUZZ_DRY:-0}" = 1 ] && failures="-"
    row "csv loop" "${cases:--} inputs" "$failures" "${slowest:--}" $((SECONDS - t0))
    fail_if "$failures"
  else
    row "csv loop" "-" "skipped: no fuzz-loop in fuzz/Cargo.toml" "-" "-"
  fi
fi

# ---- 3. libFuzzer targets (cargo-fuzz on the stable toolchain) ---------------------------------
# cargo-fuzz passes -Z flags (-Zsanitizer=address and the coverage passes); RUSTC_BOOTSTRAP=1 lets
# the stable toolchain accept them, so no nightly is needed. AddressSanitizer is used when the
# toolchain has its runtime (librustc-*_rt.asan.a, shipped with stable x86_64 Linux), else
# `--sanitizer none` (FUZZ_SANITIZER overrides). cargo-fuzz is built from crates.io when missing.
if wants libfuzzer; then
  targets=""
  if [ -d fuzz/fuzz_targets ]; then
    # The fuzz targets are fuzz/fuzz_targets/*.rs (`cargo fuzz list` also names fuzz/'s other bins).
    targets=${FUZZ_TARGETS:-$(ls fuzz/fuzz_targets | sed -n 's/\.rs$//p')}
    if [ "${FUZZ_DRY:-0}" != 1 ] && ! cargo fuzz --version >/dev/null 2>&1; then
      echo "fuzz.sh: installing cargo-fuzz from crates.io (about 1 min)" >&2
      log=$(mktemp)
      if ! cargo install --quiet --locked cargo-fuzz >"$log" 2>&1; then
        cat "$log" >&2
        echo "fuzz.sh: cargo install cargo-fuzz failed" >&2
        targets=""
      fi
      rm -f "$log"
    fi
  fi
  asan=$(ls "$(rustc --print sysroot)"/lib/rustlib/*/lib/librustc-*_rt.asan.a 2>/dev/null | head -n 1)
  sanitizer=${FUZZ_SANITIZER:-$([ -n "$asan" ] && echo address || echo none)}
  if [ -n "$targets" ]; then
    for target in $targets; do
      banner "libfuzzer: $target, $FUZZ_INPUTS runs, sanitizer $sanitizer"
      t0=$SECONDS
      # New finds go to the first folder (cargo-fuzz's own, fuzz/corpus/TARGET, not in git); the
      # run starts from the inputs kept as regression tests (read, never written):
      # tests/csv_corpus/libfuzzer-TARGET/ (this target's kept corpus) and, for csv,
      # tests/csv_corpus/*.csv. (The csv target reads an input's first two bytes as the chunk size.)
      corpus=("fuzz/corpus/$target")
      [ "${FUZZ_DRY:-0}" = 1 ] || mkdir -p "fuzz/corpus/$target" # what cargo-fuzz makes when given no folder
      [ -d "tests/csv_corpus/libfuzzer-$target" ] && corpus+=("tests/csv_corpus/libfuzzer-$target")
      [ "$target" = csv ] && [ -d tests/csv_corpus ] && corpus+=(tests/csv_corpus)
      case "$target" in csv) max_len=512 ;; *) max_len=256 ;; esac
      extra=()
      [ "$FUZZ_SECONDS" != 0 ] && extra+=("-max_total_time=$FUZZ_SECONDS")
      RUSTC_BOOTSTRAP=1 cargo_ fuzz run --sanitizer "$sanitizer" "$target" "${corpus[@]}" -- \
        -runs="$FUZZ_INPUTS" -max_len="$max_len" -print_final_stats=1 -report_slow_units=1 "${extra[@]}" 2>&1 \
        | tee "$logs/lf-$target.log" | grep -v '^#[0-9]'
      rc=${PIPESTATUS[0]}
      cases=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$logs/lf-$target.log" | tail -n 1)
      failures=0
      [ "${FUZZ_DRY:-0}" = 1 ] && failures="-"
      [ "$rc" -eq 0 ] || failures="1 (exit $rc; see fuzz/artifacts/$target)"
      # libFuzzer's own slowest-unit figure is in whole seconds, so time every input of the corpus
      # afterwards with the same binary (it prints "Executed FILE in N ms" for each file given). One
      # process, one job: libFuzzer's -jobs/-workers are left unset.
      slow="-"
      bin=$(ls -t fuzz/target/*/release/"$target" 2>/dev/null | head -n 1)
      if [ "${FUZZ_DRY:-0}" != 1 ] && [ -n "$bin" ]; then
        find "${corpus[@]}" -maxdepth 1 -type f -print0 | xargs -0 -r -n 500 "$bin" -runs=1 2>&1 \
          | sed -n 's/^Executed \(.*\) in \([0-9]*\) ms$/\2 \1/p' | sort -n | tail -n 1 >"$logs/lf-$target.slow"
        read -r ms file <"$logs/lf-$target.slow" || true
        [ -n "${ms:-}" ] && slow="$ms ms: $file ($(wc -c <"$file") bytes)"
      fi
      n=$(find "fuzz/corpus/$target" -maxdepth 1 -type f 2>/dev/null | wc -l)
      row "libfuzzer $target ($sanitizer)" "${cases:--} runs; corpus $n" "$failures" "$slow" $((SECONDS - t0))
      fail_if "$failures"
    done
  else
    row "libfuzzer" "-" "skipped: no fuzz/fuzz_targets or no cargo-fuzz" "-" "-"
  fi
fi

# ---- 4. property tests at fuzz size --------------------------------------------------------------
if wants props; then
  suites=()
  for f in tests/*fuzz*.rs; do [ -f "$f" ] && suites+=("$f"); done
  [ -f tests/hardening_numbers.rs ] && suites+=(tests/hardening_numbers.rs)
  if [ ${#suites[@]} -eq 0 ]; then
    row "props" "-" "skipped: no tests/*fuzz*.rs" "-" "-"
  fi
  for f in "${suites[@]}"; do
    name=$(basename "$f" .rs)
    # Each env var the suite reads for its size (…_CASES, …_INPUTS) is set to the fuzz size.
    vars=()
    for v in $(grep -o 'env::var("[A-Z0-9_]*")' "$f" | sed 's/.*("\(.*\)")/\1/' | sort -u); do
      case "$v" in
        HARDENING_CASES) vars+=("$v=$HARDENING_CASES") ;;
        *_CASES|*_INPUTS|PROPTEST_CASES) vars+=("$v=$FUZZ_CASES") ;;
      esac
    done
    [ "$name" = hardening_numbers ] || vars+=("PROPTEST_CASES=${PROPTEST_CASES:-$FUZZ_CASES}")
    banner "props: $name (${vars[*]})"
    t0=$SECONDS
    if [ "${FUZZ_DRY:-0}" = 1 ]; then echo "(dry run) ${vars[*]} cargo test --quiet --release --test $name"
    else env "${vars[@]}" cargo test --quiet --release --test "$name"; fi 2>&1 | tee "$logs/props-$name.log"
    rc=${PIPESTATUS[0]}
    read -r pass fail < <(sed 's/\x1b\[[0-9;]*m//g' "$logs/props-$name.log" | awk '
      /test result:/ { for (i = 1; i <= NF; i++) { if ($(i + 1) ~ /^passed/) p += $i; if ($(i + 1) ~ /^failed/) f += $i } }
      END { printf "%d %d\n", p, f }')
    [ "$rc" -eq 0 ] || [ "$fail" -gt 0 ] || fail="did not run (exit $rc)"
    [ "${FUZZ_DRY:-0}" = 1 ] && fail="-"
    row "props $name" "$pass tests × ${vars[*]}" "$fail" "-" $((SECONDS - t0))
    fail_if "$fail"
  done
fi

# ---- 5. the facade in the browser ----------------------------------------------------------------
if wants facade; then
  banner "facade: $FACADE_CALLS random calls of the exported class in Chrome (tests/hardening_facade.rs)"
  t0=$SECONDS
  if [ "${FUZZ_DRY:-0}" = 1 ]; then
    echo "(dry run) HARDENING_FACADE_CALLS=$FACADE_CALLS wasm-pack test --headless --chrome --release -- --test hardening_facade"
    rc=0
    : >"$logs/facade.log"
  else
    HARDENING_FACADE_CALLS=$FACADE_CALLS CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=3600 \
      wasm-pack test --headless --chrome --release --mode no-install -- --test hardening_facade 2>&1 | tee "$logs/facade.log"
    rc=${PIPESTATUS[0]}
  fi
  read -r pass fail < <(sed 's/\x1b\[[0-9;]*m//g' "$logs/facade.log" | awk '
    /test result:/ { for (i = 1; i <= NF; i++) { if ($(i + 1) ~ /^passed/) p += $i; if ($(i + 1) ~ /^failed/) f += $i } }
    END { printf "%d %d\n", p, f }')
  [ "$rc" -eq 0 ] || [ "$fail" -gt 0 ] || fail="did not run (exit $rc)"
  [ "${FUZZ_DRY:-0}" = 1 ] && fail="-"
  row "facade (wasm)" "$FACADE_CALLS random calls + $pass tests" "$fail" "-" $((SECONDS - t0))
  fail_if "$fail"
fi

# ---- 6. long runs in the browser -----------------------------------------------------------------
if wants long; then
  banner "long runs: tests/e2e/long-runs.test.mjs at full size"
  t0=$SECONDS
  dist=${E2E_DIST:-}
  if [ -z "$dist" ] && [ ! -f dist/index.html ]; then bash scripts/build.sh || echo "fuzz.sh: scripts/build.sh failed" >&2; fi
  dist=${dist:-$PWD/dist}
  if [ "${FUZZ_DRY:-0}" = 1 ]; then
    echo "(dry run) LONG_PLAY_STEPS=1000000 LONG_PHASES=10000 LONG_PULLS=3000 LONG_MAPS=2000 LONG_PARAMS=500 node --test tests/e2e/long-runs.test.mjs"
    row "long runs" "-" "-" "-" 0
  else
    E2E_DIST=$dist LONG_PLAY_STEPS=1000000 LONG_PHASES=10000 LONG_PULLS=3000 LONG_MAPS=2000 LONG_PARAMS=500 \
      node --test --test-reporter=spec --test-timeout=7200000 tests/e2e/long-runs.test.mjs 2>&1 | tee "$logs/long.log"
    rc=${PIPESTATUS[0]}
    clean=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/long.log")
    pass=$(echo "$clean" | awk '$1 == "ℹ" && $2 == "pass" { print $3 }')
    fail=$(echo "$clean" | awk '$1 == "ℹ" && $2 == "fail" { print $3 }')
    [ -n "$fail" ] || fail="did not run (exit $rc)"
    row "long runs" "${pass:-0} runs (Play 1,000,000 steps, 10,000 phases, 3,000 pulls, 2,000 maps, 500 changes)" "$fail" "-" $((SECONDS - t0))
    fail_if "$fail"
  fi
fi

# ---- figures -----------------------------------------------------------------------------------
banner "figures"
printf '| part | cases | failures | slowest | seconds |\n|---|---|---|---|---|\n'
for r in "${rows[@]}"; do
  IFS='|' read -r name cases failures slowest seconds <<<"$r"
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$cases" "$failures" "$slowest" "$seconds"
done
[ "$status" -eq 0 ] && echo "fuzz.sh: nothing found" || echo "fuzz.sh: failures found (see above)"
exit "$status"
