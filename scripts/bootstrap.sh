#!/usr/bin/env bash
# broadsheet bootstrap: installs what the build and the tests need on Debian bookworm, and nothing
# when everything is already there (then it prints one line). Safe to run again at any time.
#   Debian packages: emscripten (+ node-acorn for its JS optimizer), cmake, clang (fuzzer and
#     sanitizers), nlohmann-json3-dev, doctest-dev, chromium and firefox-esr (browser tests in two engines),
#     bsdutils (script(1), a terminal for the progress-bar test)
#   md4c sources: Debian's source package from the next release (trixie), unpacked into
#     third_party/md4c (ignored by git); an older tree there is replaced
#   npm devDependencies: npm ci, from package-lock.json
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'bootstrap: %s\n' "$*"; }

# md4c: the Debian source package version, and the suite that has it. CMakeLists.txt reads the
# stamp the fetch leaves (third_party/md4c/.broadsheet-version) and refuses any other version.
md4c_version="$(sed -n 's/^set(BROADSHEET_MD4C_VERSION "\(.*\)")$/\1/p' CMakeLists.txt)"
md4c_suite="trixie"
md4c_stamp=third_party/md4c/.broadsheet-version
[ -n "$md4c_version" ] || { say "no BROADSHEET_MD4C_VERSION line in CMakeLists.txt"; exit 1; }
missing=()
have() { command -v "$1" >/dev/null 2>&1; }

have emcc || missing+=(emscripten)
[ -d /usr/share/nodejs/acorn ] || missing+=(node-acorn)
have cmake || missing+=(cmake)
have g++ || missing+=(g++)
have clang++ || missing+=(clang)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)
[ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
[ -f /usr/include/doctest/doctest.h ] || missing+=(doctest-dev)
have chromium || missing+=(chromium)
have firefox-esr || missing+=(firefox-esr)
# script(1), for the test of the build's progress bar on a terminal (tests/js/build.test.js)
have script || missing+=(bsdutils)
need_md4c=0
[ -f third_party/md4c/src/md4c.c ] && [ "$(cat "$md4c_stamp" 2>/dev/null)" = "$md4c_version" ] ||
  need_md4c=1

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else
    say "needs root to run: $*"; exit 1
  fi
}

updated=0
apt_update() {
  if [ "$updated" = 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    updated=1
  fi
}

if [ ${#missing[@]} -gt 0 ]; then
  if ! have apt-get; then
    say "missing: ${missing[*]} (install them; this script knows Debian's apt only)"
    exit 1
  fi
  apt_update
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$need_md4c" = 1 ]; then
  # md4c is compiled from Debian's source package of the next release (bookworm has only 0.4.8,
  # whose permissive autolinks take quadratic time). apt runs on a private state in build/: a
  # deb-src entry for that suite, derived from the machine's own entries (same mirrors, same
  # keyring), its own index lists and cache. The system's apt configuration is not touched, and
  # apt checks the tarball against the index, which it checks against the archive's signature.
  have apt-get || { say "md4c ${md4c_version} comes from Debian's archive: apt-get is needed"; exit 1; }
  if [ -f third_party/md4c/src/md4c.c ]; then
    say "replacing md4c $(cat "$md4c_stamp" 2>/dev/null || echo '0.4.8 or older') with ${md4c_version}"
  fi
  apt_dir="$root/build/md4c-apt"
  rm -rf "$apt_dir"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"
  # Downloads run as apt's unprivileged sandbox user when apt runs as root.
  chmod 755 "$apt_dir" && chmod 777 "$apt_dir/download"
  release="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [ -n "$release" ] || { say "cannot tell the Debian release from /etc/os-release"; exit 1; }
  # Every enabled binary entry for this release's main suite, as a deb822 stanza for the md4c
  # suite: deb822 .sources files as they are (Signed-By may be a path or an inline key over
  # several lines), one-line .list entries with their signed-by option.
  shopt -s nullglob
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      awk -v release="$release" -v suite="$md4c_suite" '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " release " ") && enabled != "no") {
            printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n", uris, suite
            # An inline key starts on the next line.
            if (signed != "") printf "Signed-By:%s%s\n", (signed ~ /^\n/ ? "" : " "), signed
            printf "\n"
          }
          types = uris = suites = signed = enabled = field = ""
        }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        /^[ \t]/ { if (field == "signed-by") signed = signed "\n" $0; next }
        {
          field = tolower(substr($0, 1, index($0, ":") - 1)); value = substr($0, index($0, ":") + 1)
          gsub(/^[ \t]+|[ \t]+$/, "", value)
          if (field == "types") types = value
          else if (field == "uris") uris = value
          else if (field == "suites") suites = value
          else if (field == "signed-by") signed = value
          else if (field == "enabled") enabled = tolower(value)
        }
        END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      awk -v release="$release" -v suite="$md4c_suite" '
        $1 != "deb" { next }
        {
          signed = ""; i = 2
          if ($2 ~ /^\[/) {
            for (; i <= NF; i++) {
              if ($i ~ /^\[?signed-by=/) { signed = $i; sub(/^\[?signed-by=/, "", signed); sub(/\]$/, "", signed) }
              if ($i ~ /\]$/) { i++; break }
            }
          }
          if ($(i + 1) != release) next
          printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n", $i, suite
          if (signed != "") printf "Signed-By: %s\n", signed
          printf "\n"
        }' "$f"
    done
  } > "$apt_dir/md4c.sources"
  shopt -u nullglob
  if ! grep -q '^URIs:' "$apt_dir/md4c.sources"; then
    say "no Debian entry for ${release} in /etc/apt to derive the ${md4c_suite} source entry from"
    exit 1
  fi
  apt_private=(-o "Dir::Etc::SourceList=$apt_dir/md4c.sources" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
  say "fetching md4c ${md4c_version} sources (Debian ${md4c_suite} source package)"
  apt-get -qq "${apt_private[@]}" update >/dev/null || {
    say "apt-get update of the ${md4c_suite} source index failed"; exit 1; }
  (cd "$apt_dir/download" && apt-get -qq "${apt_private[@]}" source --tar-only \
    "md4c=${md4c_version}" >/dev/null) || { say "apt-get source md4c=${md4c_version} failed"; exit 1; }
  tarball="$(ls "$apt_dir"/download/md4c_*.orig.tar.* | head -n 1)"
  # Unpacked beside the old tree and swapped in only once complete.
  rm -rf third_party/md4c.new
  mkdir -p third_party/md4c.new
  # --touch: the tarball's timestamps are older than objects an earlier md4c left in build/, and
  # make would keep those objects.
  tar -xf "$tarball" -C third_party/md4c.new --strip-components=1 --touch
  [ -f third_party/md4c.new/src/md4c.c ] || { say "md4c sources not found in $tarball"; exit 1; }
  echo "$md4c_version" > third_party/md4c.new/.broadsheet-version
  rm -rf third_party/md4c "$apt_dir"
  mv third_party/md4c.new third_party/md4c
fi

# npm devDependencies (test and benchmark tools only; the package itself has none).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm devDependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi

say "toolchain ready (emcc $(emcc --version 2>/dev/null | head -n 1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1), md4c sources, node $(node --version))"
