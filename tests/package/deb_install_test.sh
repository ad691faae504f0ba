#!/usr/bin/env bash
# Builds the Debian package from a build directory with cpack, installs it with dpkg into a scratch root and
# runs what it installed: `docklint --version`, a lint of fixtures/demo-host (exit 1: the demo has findings)
# and man on the installed page. Works as root and as another user (dpkg --force-not-root). Everything goes
# to a temporary directory that is removed on exit; the build directory is left as it was.
#
# Usage: tests/package/deb_install_test.sh BUILD_DIR
# Exit status: 0 passed, 77 skipped (a tool is missing; the reason is printed), anything else failed.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
export PATH=$PATH:/usr/sbin:/sbin  # dpkg looks for ldconfig and start-stop-daemon
for tool in cpack dpkg dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done
fail() {
  echo "FAIL: $*"
  exit 1
}
[[ -f $build/CPackConfig.cmake ]] || fail "$build has no CPackConfig.cmake"
# cpack installs the build directory's files as `cmake --install` does, and so (re)writes its
# install_manifest.txt: put back what was there.
[[ -w $build ]] || { echo "skipped: cpack must write to $build, which this user cannot"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/docklint-deb.XXXXXX")
manifest=$build/install_manifest.txt
if [[ -e $manifest ]]; then
  cp -p "$manifest" "$tmp/install_manifest.txt"
  trap 'mv -f "$tmp/install_manifest.txt" "$manifest"; rm -rf "$tmp"' EXIT
else
  trap 'rm -f "$manifest"; rm -rf "$tmp"' EXIT
fi

# The package, made in the scratch directory (-B) from what the build directory holds.
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 ||
  fail "cpack failed: $(cat "$tmp/cpack.log")"
debs=("$tmp"/out/docklint_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "cpack made no docklint_*.deb: $(cat "$tmp/cpack.log")"
deb=${debs[0]}
field() { dpkg-deb --field "$deb" "$1"; }
version=$("$build/docklint" --version | awk '{print $2}')
[[ $(field Package) == docklint ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version: $(field Version), the binary says $version"
[[ $(field Architecture) == "$(dpkg --print-architecture)" ]] || fail "Architecture: $(field Architecture)"
[[ $(field Recommends) == shellcheck ]] || fail "Recommends: $(field Recommends)"
[[ -n $(field Maintainer) && -n $(field Description) ]] || fail "no Maintainer or Description"
depends=$(field Depends)
[[ $depends == *libc6* ]] || fail "Depends: '$depends' (no libc6)"
# The release binary loads only libc (and libm, also libc6's): then libc6 is all it depends on.
if ! ldd "$build/docklint" | grep -v -E 'linux-vdso|ld-linux|/libc\.so|/libm\.so' | grep -q .; then
  [[ $depends =~ ^libc6(\ \(\>=\ [0-9.]+\))?$ ]] || fail "Depends: '$depends', but the binary loads only libc"
fi

# dpkg -i into a scratch root with its own database. --force-depends: that database has no libc6.
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$tmp/empty"
: >"$root/var/lib/dpkg/status"
dpkg_install=(dpkg --root="$root" --log=/dev/null --force-not-root --force-script-chrootless --force-depends
  -i "$deb")
# dpkg reads the host's /etc/dpkg/dpkg.cfg.d, whose status loggers (needrestart's) would record this install
# on the host: hide that folder in a mount namespace of our own where the system allows one.
hide=(unshare --mount --propagation private)
((EUID == 0)) || hide=(unshare --map-root-user --mount --propagation private)
# shellcheck disable=SC2016 # expanded by the sh that runs it
hide_cfg='mount --bind "$0" /etc/dpkg/dpkg.cfg.d && exec "$@"'
if [[ -d /etc/dpkg/dpkg.cfg.d ]] && "${hide[@]}" sh -c "$hide_cfg" "$tmp/empty" true 2>/dev/null; then
  dpkg_install=("${hide[@]}" sh -c "$hide_cfg" "$tmp/empty" "${dpkg_install[@]}")
fi
"${dpkg_install[@]}" >"$tmp/dpkg.log" 2>&1 || fail "dpkg -i failed: $(cat "$tmp/dpkg.log")"
status=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' docklint)
[[ $status == "install ok installed" ]] || fail "dpkg-query says '$status': $(cat "$tmp/dpkg.log")"
for file in usr/bin/docklint usr/share/man/man1/docklint.1.gz usr/share/bash-completion/completions/docklint \
  usr/share/zsh/vendor-completions/_docklint usr/share/fish/vendor_completions.d/docklint.fish; do
  [[ -f $root/$file ]] || fail "the package does not install /$file"
done

# The installed binary runs, from its installed path.
installed=$root/usr/bin/docklint
[[ $("$installed" --version) == "$("$build/docklint" --version)" ]] || fail "docklint --version: $("$installed" --version)"
cd "$src"
lint_status=0
"$installed" --no-config --color never --root fixtures/demo-host >"$tmp/lint.out" 2>"$tmp/lint.err" || lint_status=$?
[[ $lint_status -eq 1 ]] || fail "docklint --root fixtures/demo-host exited $lint_status: $(cat "$tmp/lint.err")"
grep -q '^fixtures/demo-host/etc/docker/daemon.json:7:3: warning: .*\[DKL1001\]$' "$tmp/lint.out" ||
  fail "no DKL1001 finding in: $(cat "$tmp/lint.out")"

# The installed man page renders, without warnings.
if command -v man >/dev/null; then
  MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/docklint.1.gz" >"$tmp/man.out" 2>"$tmp/man.err" ||
    fail "man -l failed: $(cat "$tmp/man.err")"
  [[ ! -s $tmp/man.err ]] || fail "man -l warns: $(cat "$tmp/man.err")"
  grep -q -- '--list-rules' "$tmp/man.out" || fail "the rendered page lacks --list-rules"
else
  echo "note: man is not installed; the page was not rendered"
fi
echo "ok: $(basename "$deb") (Depends: $depends) installs and runs"
