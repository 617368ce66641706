#!/usr/bin/env bash
# Puts ses-ops on the PATH and writes the bash completion where bash-completion finds it.
# From the repository: builds cli/target/ses-ops.jar when it is missing and links bin/ses-ops into
# PREFIX/bin (default ~/.local). From a released jar (no Maven, no build; only Java 17+): copies the
# jar to PREFIX/lib/ses-ops/ and writes PREFIX/bin/ses-ops; when a SHA256SUMS file lies beside the
# jar (as in a release's dist/), the jar is checked against it first and refused when it differs.
# Idempotent: run it again after a git pull or for a new release.
#   scripts/install-cli.sh                                   # ~/.local/bin/ses-ops -> bin/ses-ops
#   scripts/install-cli.sh --jar dist/ses-ops-cli-0.9.0.jar  # a released jar
#   PREFIX=/usr/local scripts/install-cli.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
BIN="$PREFIX/bin"
COMPLETIONS="${BASH_COMPLETION_USER_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion}/completions"
[ "$PREFIX" = "$HOME/.local" ] || COMPLETIONS="$PREFIX/share/bash-completion/completions"

log() { printf '[install-cli] %s\n' "$*" >&2; }
die() { printf '[install-cli] ERROR: %s\n' "$*" >&2; exit 1; }

JAR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) [ $# -ge 2 ] || die "--jar needs the path of a released ses-ops-cli-VERSION.jar"; JAR="$2"; shift 2 ;;
    --jar=*) JAR="${1#--jar=}"; shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

if [ -n "$JAR" ]; then
  [ -f "$JAR" ] || die "$JAR does not exist"
  "${JAVA:-java}" -version >/dev/null 2>&1 || die "java not found: install JDK or JRE 17+, or set JAVA=/path/to/java"
  sums="$(dirname "$JAR")/SHA256SUMS"
  if [ -f "$sums" ]; then
    name="$(basename "$JAR")"
    expected="$(awk -v n="$name" '$2 == n || $2 == "*" n {print $1}' "$sums")"
    [ -n "$expected" ] || die "$sums has no line for $name"
    actual="$(sha256sum "$JAR" | cut -d' ' -f1)"
    [ "$actual" = "$expected" ] || die "$name does not match $sums (sha256 $actual, expected $expected): download it again"
    log "checksum ok ($name)"
  else
    log "no SHA256SUMS beside $JAR: checksum not checked"
  fi
  LIB="$PREFIX/lib/ses-ops"
  mkdir -p "$LIB" "$BIN" "$COMPLETIONS"
  cp "$JAR" "$LIB/ses-ops.jar.new" && mv "$LIB/ses-ops.jar.new" "$LIB/ses-ops.jar"
  rm -f "$LIB"/*.jsa "$LIB"/*.aot   # a start-up cache of the previous jar
  if [ -f "$ROOT/bin/ses-ops" ]; then
    # the repository's launcher (start-up cache, JAVA=...), pointed at the installed jar
    cp "$ROOT/bin/ses-ops" "$LIB/launcher"
    launch="SES_OPS_JAR=\"\${SES_OPS_JAR:-$LIB/ses-ops.jar}\" exec \"$LIB/launcher\" \"\$@\""
  else
    launch="exec \"\${JAVA:-java}\" -jar \"$LIB/ses-ops.jar\" \"\$@\""
  fi
  rm -f "$BIN/ses-ops"
  printf '#!/usr/bin/env bash\n# written by install-cli.sh --jar %s\n%s\n' "$(basename "$JAR")" "$launch" >"$BIN/ses-ops"
  chmod +x "$BIN/ses-ops"
  log "installed $("$BIN/ses-ops" --version) as $BIN/ses-ops (jar in $LIB)"
  tmp="$(mktemp)"
  SES_OPS_CDS=off "$BIN/ses-ops" completion bash >"$tmp"
  mv "$tmp" "$COMPLETIONS/ses-ops"
  log "bash completion in $COMPLETIONS/ses-ops (zsh: add 'source <(ses-ops completion zsh)' to ~/.zshrc)"
  case ":$PATH:" in
    *":$BIN:"*) ;;
    *) log "$BIN is not on your PATH: add  export PATH=\"$BIN:\$PATH\"  to your shell's profile" ;;
  esac
  exit 0
fi

if [ ! -f "$ROOT/cli/target/ses-ops.jar" ]; then
  command -v mvn >/dev/null || die "mvn not found: install Maven and JDK 17, or install a released jar with --jar"
  log "building cli/target/ses-ops.jar"
  (cd "$ROOT" && mvn -B -q -pl cli -am package -DskipTests -Dsesops.shrink.skip=true)
fi

mkdir -p "$BIN" "$COMPLETIONS"
rm -f "$BIN/ses-ops"   # a wrapper from an earlier --jar install
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
