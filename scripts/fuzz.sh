#!/usr/bin/env bash
# broadsheet fuzzing: builds the two libFuzzer harnesses (clang with ASan and UBSan, the core
# instrumented too) in build/fuzz and runs them one after the other:
#   sanitizer  tests/fuzz/fuzz_sanitizer.cpp: Markdown, raw HTML and article JSON through the
#              sanitizer; seeds tests/fuzz/corpus, dictionary tests/fuzz/broadsheet.dict
#   article    tests/fuzz/fuzz_article.cpp: article JSON through validate + render (HTML and ops);
#              seeds examples/*.json and tests/fuzz/article-corpus, dictionary tests/fuzz/article.dict
# Both share the invariant checker in tests/fuzz/fuzz_oracle.h.
#   bash scripts/fuzz.sh                 10 minutes each on build/fuzz/corpus-NAME (kept) + seeds
#   bash scripts/fuzz.sh --short         30 seconds each on a fresh copy of the seeds (`npm test`)
#   bash scripts/fuzz.sh --time=SECONDS  any other length, for each harness
#   bash scripts/fuzz.sh --harness=NAME  only one harness (sanitizer or article)
#   bash scripts/fuzz.sh --tree          also the parse-stability checks (BROADSHEET_FUZZ_TREE=1)
#   bash scripts/fuzz.sh --nul-terminated  Markdown from a NUL-terminated copy (BROADSHEET_FUZZ_NUL=1):
#                                         hides reads of text[size] (md4c 0.4.8 made them) to fuzz past them
#   bash scripts/fuzz.sh --harness=NAME --minimize=FILE  minimize a crashing input to FILE.min
#   bash scripts/fuzz.sh --build-only
#   bash scripts/fuzz.sh ... -- -flag=value   extra libFuzzer flags
# Exits non-zero on any crash, sanitizer report, invariant failure, timeout or OOM, and names the
# file that reproduces it (build/fuzz/artifacts-NAME/). Needs clang and libclang-rt-14-dev: run
# scripts/bootstrap.sh on a fresh machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'fuzz: %s\n' "$*"; }
die() { printf 'fuzz: %s\n' "$*" >&2; exit 2; }

seconds=600
short=0
harnesses=(sanitizer article)
tree=0
nul=0
build_only=0
minimize=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1; seconds=30 ;;
    --harness=sanitizer|--harness=article) harnesses=("${1#--harness=}") ;;
    --time=*) seconds="${1#--time=}" ;;
    --tree) tree=1 ;;
    --nul-terminated) nul=1 ;;
    --build-only) build_only=1 ;;
    --minimize=*) minimize="${1#--minimize=}" ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
case "$seconds" in ''|*[!0-9]*) die "--time wants a number of seconds" ;; esac

# ---- toolchain ----
command -v clang++ >/dev/null 2>&1 && command -v clang >/dev/null 2>&1 ||
  die "clang not found: run scripts/bootstrap.sh"
command -v cmake >/dev/null 2>&1 || die "cmake not found: run scripts/bootstrap.sh"
resource_dir="$(clang++ -print-resource-dir 2>/dev/null || true)"
if ! ls "$resource_dir"/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 &&
   ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  die "libFuzzer runtime not found (libclang-rt-14-dev): run scripts/bootstrap.sh"
fi
[ -f third_party/md4c/src/md4c.c ] || die "md4c sources missing: run scripts/bootstrap.sh"
# nlohmann/json: the copy every build compiles (scripts/stage_json.mjs stages it, or finds it current).
json_include="$root/build/include"
node scripts/stage_json.mjs || die "cannot stage nlohmann/json"

# ---- build ----
build="$root/build/fuzz"
jobs="$(nproc 2>/dev/null || echo 2)"
targets=()
for name in "${harnesses[@]}"; do targets+=("broadsheet_fuzz_$name"); done
say "configure + build ${targets[*]} in $build (clang, -fsanitize=fuzzer,address,undefined)"
CC=clang CXX=clang++ cmake -S . -B "$build" -DBROADSHEET_FUZZ=ON \
  -DBROADSHEET_JSON_INCLUDE="$json_include" -DCMAKE_BUILD_TYPE= \
  -DCMAKE_C_FLAGS="-O1 -g" -DCMAKE_CXX_FLAGS="-O1 -g" >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; die "cmake configure failed"; }
cmake --build "$build" --target "${targets[@]}" -j "$jobs" >"$build.build.log" 2>&1 ||
  { tail -n 60 "$build.build.log" >&2; die "build failed (full log: $build.build.log)"; }
[ "$build_only" = 1 ] && { say "built ${targets[*]}"; exit 0; }

export BROADSHEET_FUZZ_TREE="$tree" BROADSHEET_FUZZ_NUL="$nul"
# Symbolized stacks; abort on the first report; leaks are failures too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

if [ -n "$minimize" ]; then
  [ "${#harnesses[@]}" = 1 ] || die "--minimize needs --harness=sanitizer or --harness=article"
  bin="$build/broadsheet_fuzz_${harnesses[0]}"
  [ -f "$minimize" ] || die "no such file: $minimize"
  say "minimizing $minimize -> $minimize.min"
  "$bin" -minimize_crash=1 -max_total_time=120 -timeout=10 -rss_limit_mb=2048 \
    -exact_artifact_path="$minimize.min" "${extra[@]}" "$minimize" >"$build/minimize.log" 2>&1 || true
  [ -f "$minimize.min" ] || { tail -n 40 "$build/minimize.log" >&2; die "minimization produced nothing"; }
  say "minimized to $(wc -c <"$minimize.min") bytes: $minimize.min"
  say "reproduce: $bin $minimize.min"
  "$bin" "$minimize.min" 2>&1 | sed -n '/==broadsheet-fuzz==\|ERROR: \(Address\|Undefined\|Leak\)Sanitizer\|runtime error/,/SUMMARY/p' | head -n 60
  exit 0
fi

# ---- run ----
# run_harness NAME: fuzzes one harness for $seconds; returns non-zero on a failure, after printing
# the report and the file that reproduces it.
run_harness() {
  local name="$1" bin="$build/broadsheet_fuzz_$1" dict max_len corpus log artifacts
  case "$name" in
    sanitizer) dict=tests/fuzz/broadsheet.dict; max_len=4096 ;;
    # examples/feature-tour.json is 11 KB: room for it and for growth.
    article) dict=tests/fuzz/article.dict; max_len=16384 ;;
  esac
  artifacts="$build/artifacts-$name"
  mkdir -p "$artifacts"
  if [ "$short" = 1 ]; then
    corpus="$build/corpus-$name-short"
    rm -rf "$corpus"
  else
    corpus="$build/corpus-$name"
  fi
  mkdir -p "$corpus"
  case "$name" in
    sanitizer) cp tests/fuzz/corpus/* "$corpus/" ;;
    article) cp examples/*.json tests/fuzz/article-corpus/* "$corpus/" ;;
  esac

  log="$build/fuzz-$name.log"
  say "$name: running ${seconds}s on $corpus ($(ls "$corpus" | wc -l) inputs)$([ "$tree" = 1 ] && echo ', parse-stability checks on')$([ "$nul" = 1 ] && echo ', NUL-terminated Markdown'); log: $log"
  "$bin" "$corpus" -dict="$dict" -max_total_time="$seconds" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "${extra[@]}" >"$log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 130' INT TERM

  local interval started last line rc
  interval=$([ "$short" = 1 ] && echo 15 || echo 30)
  started=$SECONDS
  last=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - last)) -ge "$interval" ]; then
      last=$SECONDS
      line="$(tail -c 65536 "$log" 2>/dev/null | grep -a '^#[0-9]' | tail -n 1 || true)"
      [ -n "$line" ] && say "$name: [$((SECONDS - started))s] $line"
    fi
  done
  set +e
  wait "$pid"
  rc=$?
  set -e
  trap - INT TERM

  if [ "$rc" = 0 ]; then
    local done_line execs rate added rss
    done_line="$(grep -a 'DONE' "$log" | tail -n 1)"
    execs="$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}')"
    rate="$(grep -a 'stat::average_exec_per_sec' "$log" | awk '{print $2}')"
    added="$(grep -a 'stat::new_units_added' "$log" | awk '{print $2}')"
    rss="$(grep -a 'stat::peak_rss_mb' "$log" | awk '{print $2}')"
    say "$name: $done_line"
    say "$name: OK: ${execs:-?} executions (${rate:-?}/s), ${added:-?} new inputs, peak RSS ${rss:-?} MB, no failures"
    return 0
  fi

  # A failure: show the report and where the input is.
  printf '\n' >&2
  sed -n '/==broadsheet-fuzz==\|ERROR: libFuzzer\|ERROR: \(Address\|Undefined\|Leak\)Sanitizer\|runtime error:\|==ERROR/,$p' "$log" |
    grep -av '^MS: \|^base64: \|^0x\| in fuzzer::\|in __libc_start\| in _start \| in main (' | awk '/^Shadow bytes around/{skip=1} /ABORTING/{skip=0} !skip' |
    head -n 80 >&2
  local artifact
  artifact="$(grep -ao 'Test unit written to [^ ]*' "$log" | tail -n 1 | sed 's/^Test unit written to //')"
  printf '\n' >&2
  if [ -n "$artifact" ]; then
    say "$name: FAILED (libFuzzer exit $rc): input kept at $artifact" >&2
    say "reproduce: $bin $artifact" >&2
    say "minimize:  bash scripts/fuzz.sh --harness=$name --minimize=$artifact" >&2
  else
    say "$name: FAILED (libFuzzer exit $rc), no input file written; see $log" >&2
  fi
  return 1
}

failed=()
for name in "${harnesses[@]}"; do
  run_harness "$name" || failed+=("$name")
done
if [ "${#failed[@]}" -gt 0 ]; then
  say "FAILED: ${failed[*]}" >&2
  exit 1
fi
