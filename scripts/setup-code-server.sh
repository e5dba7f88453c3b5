#!/usr/bin/env bash
# Installs code-server (a full VS Code build shipped on npm) for the offline extension-host tests
# and the Playwright UI tests, as RECIPES.md §2 describes. Idempotent: when the install marker
# is present, nothing is done. Progress goes to stderr; the code-server directory is printed on
# stdout at the end.
#
#   bash scripts/setup-code-server.sh            # installs into .vscode-test/code-server-<version>/
#   CODE_SERVER_VERSION=4.100.3 bash scripts/setup-code-server.sh
#
# Needs root (or a user allowed to run apt-get) on Debian 12, the npm registry and Debian's
# packages. 4.100.3 (VS Code 1.100.3) is the newest code-server that runs on Node 20.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
CACHE_DIR="${CODE_SERVER_CACHE_DIR:-$REPO_ROOT/.vscode-test}"
TARGET="$CACHE_DIR/code-server-$VERSION"
MARKER="$TARGET/.pgvm-installed"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# --- system packages -----------------------------------------------------------------------------
APT_PACKAGES=(libkrb5-dev libsecret-1-dev ripgrep chromium)
# Native addons (argon2, kerberos, node-pty, spdlog, ...) are rebuilt with node-gyp.
BUILD_PACKAGES=(python3 make g++ pkg-config)

missing_packages() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$p"
    fi
  done
}

ensure_apt_packages() {
  local missing=() p
  while IFS= read -r p; do [ -n "$p" ] && missing+=("$p"); done < <(missing_packages "${APT_PACKAGES[@]}")
  # Build tools count as present when the commands are there (python3 may come from pyenv).
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "system packages present: ${APT_PACKAGES[*]}"
    return
  fi
  log "installing system packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_apt_packages
[ -x /usr/bin/rg ] || { log "ERROR: /usr/bin/rg missing after installing ripgrep"; exit 1; }
[ -x /usr/bin/chromium ] || { log "ERROR: /usr/bin/chromium missing after installing chromium"; exit 1; }

# --- code-server ---------------------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -f "$TARGET/out/node/entry.js" ]; then
  log "code-server $VERSION already installed in $TARGET"
  printf '%s\n' "$TARGET"
  exit 0
fi

START=$(date +%s)
mkdir -p "$CACHE_DIR"
STAGING="$(mktemp -d "$CACHE_DIR/.code-server-$VERSION.staging.XXXXXX")"
cleanup() { rm -rf "$STAGING"; }
trap cleanup EXIT

log "downloading code-server@$VERSION from the npm registry"
(cd "$STAGING" && npm pack "code-server@$VERSION" --silent >/dev/null)
TGZ="$STAGING/code-server-$VERSION.tgz"
[ -f "$TGZ" ] || { log "ERROR: npm pack did not produce $TGZ"; exit 1; }
tar xzf "$TGZ" -C "$STAGING"
rm -f "$TGZ"
PKG="$STAGING/package"

# npm output is verbose; keep it off stdout (stdout carries only the final directory).
run_npm() { log "npm $* (in ${PWD#"$STAGING"/})"; npm "$@" --no-audit --no-fund --loglevel=error >&2; }

cd "$PKG"
# code-server's own postinstall would fetch things from the network: install without scripts and
# rebuild the native addons by hand.
run_npm install --omit=dev --ignore-scripts
npm_config_yes=true run_npm rebuild argon2

cd "$PKG/lib/vscode"
run_npm install --omit=dev --ignore-scripts
npm_config_yes=true run_npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
# @vscode/ripgrep's postinstall downloads a binary: use Debian's ripgrep instead.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar

cd "$PKG/lib/vscode/extensions"
run_npm install --omit=dev --ignore-scripts

cd "$REPO_ROOT"
# A quick sanity check before declaring success: the entry point loads and reports its version.
touch "$STAGING/config.yaml"
if ! node "$PKG/out/node/entry.js" --config "$STAGING/config.yaml" --version >"$STAGING/version.txt" 2>&1; then
  log "ERROR: code-server --version failed:"; cat "$STAGING/version.txt" >&2; exit 1
fi
log "code-server reports: $(head -n1 "$STAGING/version.txt")"

rm -rf "$TARGET"
mv "$PKG" "$TARGET"
printf '%s\n' "$VERSION" >"$MARKER"
log "installed code-server $VERSION into $TARGET in $(( $(date +%s) - START )) s"
printf '%s\n' "$TARGET"
