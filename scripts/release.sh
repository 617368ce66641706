#!/usr/bin/env bash
# Builds the release artifacts of the version in pom.xml into dist/ (git-ignored):
#   dist/ses-ops-functions-VERSION.jar   the Lambda jar the CDK stack deploys (functions/target/functions.jar)
#   dist/ses-ops-cli-VERSION.jar         the CLI (cli/target/ses-ops.jar): java -jar it, or scripts/install-cli.sh --jar it
#   dist/SHA256SUMS                      sha256sum -c SHA256SUMS checks both
# and checks that the CLI jar's --version names that version. Steps before and after (CHANGELOG, tag):
# CONTRIBUTING.md, "Releasing".
#   scripts/release.sh                   # mvn -B -q -DskipTests package -pl functions,cli -am, then dist/
#   DIST=/tmp/out scripts/release.sh     # another output folder
#   SKIP_BUILD=1 scripts/release.sh      # package the jars already built (e.g. right after scripts/test.sh)
#   MVN_ARGS=-o scripts/release.sh       # extra Maven arguments (offline here)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${DIST:-$ROOT/dist}"

log() { printf '[release] %s\n' "$*" >&2; }
die() { printf '[release] ERROR: %s\n' "$*" >&2; exit 1; }

# the parent pom's own version: the line after its artifactId
VERSION="$(sed -n '/<artifactId>ses-ops<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' "$ROOT/pom.xml")"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || die "pom.xml version '$VERSION' is not a semantic version"
[[ "$VERSION" == *-SNAPSHOT ]] && log "version $VERSION is a snapshot: fine for testing, set a release version before tagging"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  command -v mvn >/dev/null || die "mvn not found (or use SKIP_BUILD=1 with jars already built)"
  log "building $VERSION: mvn -B -q -DskipTests package -pl functions,cli -am ${MVN_ARGS:-}"
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl functions,cli -am ${MVN_ARGS:-})
fi

functions_jar="$ROOT/functions/target/functions.jar"
cli_jar="$ROOT/cli/target/ses-ops.jar"
for jar in "$functions_jar" "$cli_jar"; do
  [ -f "$jar" ] || die "$jar is missing: build it (drop SKIP_BUILD)"
done

mkdir -p "$DIST"
rm -f "$DIST/ses-ops-functions-$VERSION.jar" "$DIST/ses-ops-cli-$VERSION.jar" "$DIST/SHA256SUMS"
cp "$functions_jar" "$DIST/ses-ops-functions-$VERSION.jar"
cp "$cli_jar" "$DIST/ses-ops-cli-$VERSION.jar"

printed="$("${JAVA:-java}" -jar "$DIST/ses-ops-cli-$VERSION.jar" --version)"
[ "$printed" = "ses-ops $VERSION" ] || die "the CLI jar says '$printed', expected 'ses-ops $VERSION': a stale build? drop SKIP_BUILD"

(cd "$DIST" && sha256sum "ses-ops-functions-$VERSION.jar" "ses-ops-cli-$VERSION.jar" >SHA256SUMS)
log "dist: $DIST"
cat "$DIST/SHA256SUMS"
