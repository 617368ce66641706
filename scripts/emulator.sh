#!/usr/bin/env bash
# Local AWS emulator for ses-ops tests: moto server (+ optional WireMock), dnsmasq, CDK CLI.
#
#   scripts/emulator.sh install   Debian packages, moto 5.1.1, WireMock jar, CDK CLI, Node SigV4 signer (idempotent)
#   scripts/emulator.sh start     moto on 127.0.0.1:${SES_OPS_MOTO_PORT:-5055};
#                                 WireMock on 127.0.0.1:${SES_OPS_WIREMOCK_PORT:-5056} when
#                                 SES_OPS_WIREMOCK_DIR names a folder with mappings/ and __files/
#   scripts/emulator.sh stop      stops what start started (by pid file)
#   scripts/emulator.sh status    prints what answers
#
# Everything lands in .emulator/ and .tools/ at the repo root (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EMU="$ROOT/.emulator"
TOOLS="$ROOT/.tools"

MOTO_VERSION=5.1.1
WIREMOCK_VERSION=3.13.2
CDK_CLI_VERSION=2.1148.1
SMITHY_SIGV4_VERSION=5.7.5     # @smithy/signature-v4: a SigV4 signer ses-ops did not write (SigV4ClientsIT)
SMITHY_HASH_NODE_VERSION=4.5.2 # @smithy/hash-node: its SHA-256 on Node, as the AWS SDK for JavaScript v3 uses
MOTO_PORT="${SES_OPS_MOTO_PORT:-5055}"
WIREMOCK_PORT="${SES_OPS_WIREMOCK_PORT:-5056}"
START_TIMEOUT="${SES_OPS_EMULATOR_START_TIMEOUT:-60}"
PYTHON=/usr/bin/python3   # the system python: its Debian packages are moto's dependencies
MOTO_SITE="$EMU/usr/lib/python3/dist-packages"

# Debian packages moto server needs on bookworm (checked by starting the server and calling it).
DEBIAN_PACKAGES=(
  python3-boto3 python3-botocore python3-flask python3-flask-cors python3-responses
  python3-xmltodict python3-jinja2 python3-dateutil python3-cryptography python3-werkzeug
  python3-requests python3-yaml python3-antlr4
  dnsmasq-base
  # the audit's HTML report is opened by a test in headless Chromium (issue 15)
  chromium fonts-dejavu-core
)

log() { printf '[emulator] %s\n' "$*" >&2; }
die() { printf '[emulator] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a command, and once more after a pause when it fails (network hiccups).
retry() {
  "$@" && return 0
  log "failed, retrying once: $*"
  sleep 3
  "$@"
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing_packages() {
  local p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

install_debian_packages() {
  local missing
  missing=$(missing_packages)
  if [ -z "$missing" ]; then
    log "Debian packages: present"
  else
    # shellcheck disable=SC2086
    log "Debian packages: installing $(echo $missing)"
    retry as_root apt-get update -qq
    # shellcheck disable=SC2086
    retry as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  stop_system_dnsmasq
}

# Tests run their own dnsmasq on high ports; a system service bound to port 53 is not wanted.
stop_system_dnsmasq() {
  if [ -e /etc/init.d/dnsmasq ] || systemctl list-unit-files dnsmasq.service >/dev/null 2>&1; then
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      as_root systemctl disable --now dnsmasq.service >/dev/null 2>&1 || true
    elif [ -e /etc/init.d/dnsmasq ]; then
      as_root /etc/init.d/dnsmasq stop >/dev/null 2>&1 || true
    fi
  fi
  if pgrep -x dnsmasq >/dev/null 2>&1; then
    local pid
    for pid in $(pgrep -x dnsmasq); do
      # only a daemon on port 53 (the system one); test instances run with --port=<high>
      if ! tr '\0' ' ' </proc/"$pid"/cmdline | grep -q -- '--port='; then
        log "stopping system dnsmasq (pid $pid) bound to port 53"
        as_root kill "$pid" || true
      fi
    done
  fi
}

moto_installed_version() {
  PYTHONPATH="$MOTO_SITE" "$PYTHON" -c 'import moto; print(moto.__version__)' 2>/dev/null || true
}

install_moto() {
  if [ "$(moto_installed_version)" = "$MOTO_VERSION" ]; then
    log "moto $MOTO_VERSION: present"
    return
  fi
  log "moto $MOTO_VERSION: downloading python3-moto from the trixie suite of this machine's Debian source"
  local src d o
  src=/etc/apt/sources.list.d/debian.sources
  [ -r "$src" ] || die "no $src: install moto with pip install 'moto[server]==$MOTO_VERSION' instead"
  d=$(mktemp -d)
  chmod 755 "$d"   # apt downloads as the _apt user
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  # the first stanza of the machine's own Debian source, with the suite changed
  awk 'BEGIN{RS="";ORS="\n"} NR==1' "$src" | sed -E 's/^Suites: .*/Suites: trixie/' >"$d/trixie.sources"
  o=(-o "Dir::Etc::SourceList=$d/trixie.sources" -o Dir::Etc::SourceParts=/nonexistent
     -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache")
  retry apt-get "${o[@]}" update -qq
  mkdir "$d/deb"
  if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$d/deb"; fi
  (cd "$d/deb" && retry apt-get "${o[@]}" download "python3-moto=$MOTO_VERSION*") >/dev/null
  mkdir -p "$EMU"
  rm -rf "$EMU/usr"
  dpkg -x "$d"/deb/python3-moto_*.deb "$EMU/"
  rm -rf "$d"
  [ "$(moto_installed_version)" = "$MOTO_VERSION" ] || die "moto unpacked but does not import with $PYTHON"
}

install_wiremock() {
  local jar="$EMU/wiremock-standalone.jar"
  if [ -s "$jar" ] && [ "$(cat "$EMU/wiremock-standalone.version" 2>/dev/null)" = "$WIREMOCK_VERSION" ]; then
    log "WireMock $WIREMOCK_VERSION: present"
    return
  fi
  log "WireMock $WIREMOCK_VERSION: fetching with mvn dependency:copy"
  mkdir -p "$EMU"
  retry mvn -B -q -N -f "$ROOT/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" \
    -DoutputDirectory="$EMU" -Dmdep.stripVersion=true -Dmdep.overWriteReleases=true
  [ -s "$jar" ] || die "WireMock jar not at $jar"
  echo "$WIREMOCK_VERSION" >"$EMU/wiremock-standalone.version"
}

install_cdk_cli() {
  local dir="$TOOLS/cdk" have=""
  have=$(node -p "require('$dir/node_modules/aws-cdk/package.json').version" 2>/dev/null || true)
  if [ "$have" = "$CDK_CLI_VERSION" ] && [ -x "$dir/node_modules/.bin/cdk" ]; then
    log "CDK CLI $CDK_CLI_VERSION: present"
    return
  fi
  log "CDK CLI $CDK_CLI_VERSION: installing with npm into .tools/cdk"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"ses-ops-tools-cdk","private":true}' >"$dir/package.json"
  retry npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "aws-cdk@$CDK_CLI_VERSION" >/dev/null
  [ -x "$dir/node_modules/.bin/cdk" ] || die "cdk not at $dir/node_modules/.bin/cdk"
}

# @smithy/signature-v4 for SigV4ClientsIT (the local server's verifier against a foreign signer).
install_sigv4_clients() {
  local dir="$TOOLS/sigv4" have=""
  have=$(cd "$dir" 2>/dev/null && node -e 'const v = (p) => require(p + "/package.json").version;
    console.log(v("@smithy/signature-v4") + " " + v("@smithy/hash-node"))' 2>/dev/null || true)
  if [ "$have" = "$SMITHY_SIGV4_VERSION $SMITHY_HASH_NODE_VERSION" ]; then
    log "@smithy/signature-v4 $SMITHY_SIGV4_VERSION: present"
    return
  fi
  log "@smithy/signature-v4 $SMITHY_SIGV4_VERSION: installing with npm into .tools/sigv4"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"ses-ops-tools-sigv4","private":true}' >"$dir/package.json"
  retry npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact \
    "@smithy/signature-v4@$SMITHY_SIGV4_VERSION" "@smithy/hash-node@$SMITHY_HASH_NODE_VERSION" >/dev/null
  [ -f "$dir/node_modules/@smithy/signature-v4/package.json" ] || die "@smithy/signature-v4 not in $dir/node_modules"
}

cmd_install() {
  command -v apt-get >/dev/null || die "not a Debian machine: apt-get install the packages by hand, pip install 'moto[server]==$MOTO_VERSION'"
  install_debian_packages
  install_moto
  install_wiremock
  install_cdk_cli
  install_sigv4_clients
  log "install done"
}

# True when an HTTP server answers (any status) at the URL.
answers() {
  local code
  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)
  [ -n "$code" ] && [ "$code" != "000" ]
}

wait_until_answers() { # name url pid log
  local name=$1 url=$2 pid=$3 logf=$4 i
  for ((i = 0; i < START_TIMEOUT * 4; i++)); do
    answers "$url" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$logf" >&2 || true
      die "$name exited during start-up (log: $logf)"
    fi
    sleep 0.25
  done
  tail -n 30 "$logf" >&2 || true
  die "$name did not answer at $url within ${START_TIMEOUT}s (log: $logf)"
}

start_moto() {
  local url="http://127.0.0.1:$MOTO_PORT/moto-api/"
  if answers "$url"; then
    log "moto: already answering on 127.0.0.1:$MOTO_PORT"
    return
  fi
  [ -n "$(moto_installed_version)" ] || die "moto is not installed: run scripts/emulator.sh install"
  mkdir -p "$EMU"
  log "moto: starting on 127.0.0.1:$MOTO_PORT"
  PYTHONPATH="$MOTO_SITE" nohup "$PYTHON" -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" \
    >"$EMU/moto.log" 2>&1 </dev/null &
  echo $! >"$EMU/moto.pid"
  wait_until_answers moto "$url" "$(cat "$EMU/moto.pid")" "$EMU/moto.log"
  log "moto: ready (pid $(cat "$EMU/moto.pid"), log .emulator/moto.log)"
}

start_wiremock() {
  local dir="${SES_OPS_WIREMOCK_DIR:-}"
  [ -n "$dir" ] || return 0
  [ -d "$dir" ] || die "SES_OPS_WIREMOCK_DIR=$dir is not a folder"
  dir=$(cd "$dir" && pwd)
  local url="http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings"
  if answers "$url"; then
    log "WireMock: already answering on 127.0.0.1:$WIREMOCK_PORT"
    return
  fi
  [ -s "$EMU/wiremock-standalone.jar" ] || die "WireMock is not installed: run scripts/emulator.sh install"
  mkdir -p "$dir/mappings" "$dir/__files"
  log "WireMock: starting on 127.0.0.1:$WIREMOCK_PORT with root $dir"
  nohup java -jar "$EMU/wiremock-standalone.jar" --bind-address 127.0.0.1 --port "$WIREMOCK_PORT" \
    --root-dir "$dir" --disable-banner >"$EMU/wiremock.log" 2>&1 </dev/null &
  echo $! >"$EMU/wiremock.pid"
  wait_until_answers WireMock "$url" "$(cat "$EMU/wiremock.pid")" "$EMU/wiremock.log"
  log "WireMock: ready (pid $(cat "$EMU/wiremock.pid"), log .emulator/wiremock.log)"
}

stop_one() { # name pidfile command-pattern
  local name=$1 pidfile=$2 pattern=$3 pid i
  [ -f "$pidfile" ] || { log "$name: not started by this script"; return 0; }
  pid=$(cat "$pidfile")
  # a stale pid file may name a pid the system has since given to another process
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    log "$name: stopped (pid $pid)"
  else
    log "$name: pid $pid is not a running $name (stale pid file removed)"
  fi
  rm -f "$pidfile"
}

cmd_status() {
  local rc=0
  if answers "http://127.0.0.1:$MOTO_PORT/moto-api/"; then
    echo "moto: answering on 127.0.0.1:$MOTO_PORT$( [ -f "$EMU/moto.pid" ] && echo " (pid $(cat "$EMU/moto.pid"))")"
  else
    echo "moto: not answering on 127.0.0.1:$MOTO_PORT"; rc=1
  fi
  if answers "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings"; then
    echo "WireMock: answering on 127.0.0.1:$WIREMOCK_PORT"
  else
    echo "WireMock: not answering on 127.0.0.1:$WIREMOCK_PORT"
  fi
  echo "moto installed: $(moto_installed_version || true)"
  echo "dnsmasq: $( [ -x /usr/sbin/dnsmasq ] && echo /usr/sbin/dnsmasq || echo missing)"
  return $rc
}

case "${1:-}" in
  install) cmd_install ;;
  start) start_moto; start_wiremock ;;
  stop) stop_one WireMock "$EMU/wiremock.pid" wiremock-standalone; stop_one moto "$EMU/moto.pid" moto.server ;;
  status) cmd_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
