#!/usr/bin/env bash
# Puts ses-ops on the PATH: builds cli/target/ses-ops.jar when it is missing, links bin/ses-ops into
# PREFIX/bin (default ~/.local), and writes the bash completion where bash-completion finds it.
# Idempotent: run it again after a git pull (it relinks and rewrites the completion).
#   scripts/install-cli.sh            # ~/.local/bin/ses-ops
#   PREFIX=/usr/local scripts/install-cli.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
BIN="$PREFIX/bin"
COMPLETIONS="${BASH_COMPLETION_USER_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion}/completions"
[ "$PREFIX" = "$HOME/.local" ] || COMPLETIONS="$PREFIX/share/bash-completion/completions"

log() { printf '[install-cli] %s\n' "$*" >&2; }

if [ ! -f "$ROOT/cli/target/ses-ops.jar" ]; then
  command -v mvn >/dev/null || { log "mvn not found: install Maven and JDK 17, or build the jar elsewhere"; exit 1; }
  log "building cli/target/ses-ops.jar"
  (cd "$ROOT" && mvn -B -q -pl cli -am package -DskipTests -Dsesops.shrink.skip=true)
fi

mkdir -p "$BIN" "$COMPLETIONS"
ln -sfn "$ROOT/bin/ses-ops" "$BIN/ses-ops"
log "linked $BIN/ses-ops -> $ROOT/bin/ses-ops"

# the completion script comes from the jar itself, so it always knows the current commands
tmp="$(mktemp)"
SES_OPS_CDS=off "$ROOT/bin/ses-ops" completion bash >"$tmp"
mv "$tmp" "$COMPLETIONS/ses-ops"
log "bash completion in $COMPLETIONS/ses-ops (zsh: add 'source <(ses-ops completion zsh)' to ~/.zshrc)"

case ":$PATH:" in
  *":$BIN:"*) ;;
  *) log "$BIN is not on your PATH: add  export PATH=\"$BIN:\$PATH\"  to your shell's profile" ;;
esac
