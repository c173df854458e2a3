#!/usr/bin/env bash
# broadsheet bootstrap: installs what the build and the tests need on Debian bookworm, and nothing
# when everything is already there (then it prints one line). Safe to run again at any time.
#   Debian packages: emscripten (+ node-acorn for its JS optimizer), cmake, clang (fuzzer and
#     sanitizers), nlohmann-json3-dev, doctest-dev, chromium and firefox-esr (browser tests in two engines)
#   md4c sources: Debian's source package, unpacked into third_party/md4c (ignored by git)
#   npm devDependencies: npm ci, from package-lock.json
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'bootstrap: %s\n' "$*"; }

md4c_version="0.4.8"
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
need_md4c=0
[ -f third_party/md4c/src/md4c.c ] || need_md4c=1
have apt-get && ! have dpkg-source && [ "$need_md4c" = 1 ] && missing+=(dpkg-dev)

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
  # md4c is compiled from Debian's source package. Source entries are derived from the binary
  # entries the machine already has (same mirrors and suites), so no new host is configured.
  if ! grep -rqsE '^Types:.*deb-src|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    src_list=/etc/apt/sources.list.d/broadsheet-deb-src.sources
    say "enabling Debian source entries ($src_list)"
    tmp="$(mktemp)"
    for f in /etc/apt/sources.list.d/*.sources; do
      [ "$f" = "$src_list" ] && continue
      [ -f "$f" ] || continue
      sed -e 's/^Types:.*/Types: deb-src/' "$f" >> "$tmp"
      printf '\n' >> "$tmp"
    done
    if [ ! -s "$tmp" ] && [ -f /etc/apt/sources.list ]; then
      grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > "${tmp}.list" || true
      as_root install -m 644 "${tmp}.list" /etc/apt/sources.list.d/broadsheet-deb-src.list
    else
      as_root install -m 644 "$tmp" "$src_list"
    fi
    rm -f "$tmp" "${tmp}.list"
    updated=0
    apt_update
  fi
  say "fetching md4c ${md4c_version} sources (Debian source package)"
  work="$(mktemp -d)"
  chmod 777 "$work"
  (cd "$work" && apt-get source --tar-only -qq "md4c" >/dev/null 2>&1) || {
    say "apt-get source md4c failed"; exit 1; }
  tarball="$(ls "$work"/md4c_*.orig.tar.* | head -n 1)"
  mkdir -p third_party
  rm -rf third_party/md4c
  mkdir -p third_party/md4c
  tar -xf "$tarball" -C third_party/md4c --strip-components=1
  rm -rf "$work"
  [ -f third_party/md4c/src/md4c.c ] || { say "md4c sources not found in $tarball"; exit 1; }
fi

# npm devDependencies (test and benchmark tools only; the package itself has none).
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm devDependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi

say "toolchain ready (emcc $(emcc --version 2>/dev/null | head -n 1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1), md4c sources, node $(node --version))"
