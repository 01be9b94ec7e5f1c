#!/usr/bin/env bash
# Installs the real web players `calibrate` plays in Chromium, from npm, at the versions the player
# profiles mirror (src/main/java/io/glass2glass/player/PlayerProfile.java):
# hls.js 1.7.4, dash.js 5.2.1, Shaka Player 5.2.12.
# Into $G2G_PLAYERS_DIR, or ~/.cache/glass2glass/players. Idempotent: does nothing when they are there.
set -euo pipefail

dir="${G2G_PLAYERS_DIR:-$HOME/.cache/glass2glass/players}"
want=(hls.js@1.7.4 dashjs@5.2.1 shaka-player@5.2.12)

have() {
  local pkg="${1%@*}" version="${1##*@}"
  [ -f "$dir/node_modules/$pkg/package.json" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/$pkg/package.json"
}
missing=()
for p in "${want[@]}"; do
  have "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-players: npm is needed to install ${missing[*]} (Debian's npm package)" >&2
  exit 1
fi
mkdir -p "$dir"
echo "install-players: installing ${missing[*]} into $dir from npm" >&2
# --ignore-scripts: the players' dist builds are what the page loads; nothing needs building.
npm install --prefix "$dir" --no-audit --no-fund --no-save --ignore-scripts "${want[@]}" >&2
