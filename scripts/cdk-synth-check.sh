#!/usr/bin/env bash
# Synthesizes the real CDK app offline (both stacks) into infra/cdk.out and checks that the
# ses-ops template holds the six functions with the right handlers on java21, and that the
# member role trusts the ops account with an external id. cdk-nag runs inside the app: an
# unsuppressed finding fails the synth.
#
# Needs: functions/target/functions.jar (build it first), JDK 17, Maven, Node.
# Usage: scripts/cdk-synth-check.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CDK_CLI_VERSION="2.1148.1"
tools="$root/.tools/cdk"
cdk="$tools/node_modules/.bin/cdk"

fail() { echo "cdk-synth-check: $*" >&2; exit 1; }

[ -f functions/target/functions.jar ] \
  || fail "functions/target/functions.jar not found: build first (mvn -B -pl functions package)"
command -v node >/dev/null || fail "node not found (CDK needs Node.js)"
command -v mvn >/dev/null || fail "mvn not found"

installed_version() { [ -x "$cdk" ] && "$cdk" --version 2>/dev/null | awk '{print $1}'; }
if [ "$(installed_version || true)" != "$CDK_CLI_VERSION" ]; then
  echo "cdk-synth-check: installing the CDK CLI $CDK_CLI_VERSION into .tools/cdk"
  mkdir -p "$tools"
  install() { npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "aws-cdk@$CDK_CLI_VERSION"; }
  install || { echo "cdk-synth-check: npm install failed, retrying once" >&2; sleep 3; install; } \
    || fail "could not install aws-cdk@$CDK_CLI_VERSION"
fi

# Offline: no version check, no notices, no credential lookups (the stacks are environment-agnostic).
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export CDK_DISABLE_VERSION_CHECK=true
export AWS_EC2_METADATA_DISABLED=true
unset CDK_DEFAULT_ACCOUNT CDK_DEFAULT_REGION

cd infra
rm -rf cdk.out
# opsAccountId/externalId here are placeholders so the member role stack is synthesized too.
"$cdk" synth --quiet --no-notices --no-version-reporting --output cdk.out \
  -c opsAccountId=111122223333 -c externalId=synth-check \
  || fail "cdk synth failed (see above; cdk-nag findings are printed as errors)"

node - cdk.out <<'JS'
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
const problems = [];
const read = (name) => {
  const file = path.join(out, name);
  if (!fs.existsSync(file)) { problems.push(`missing ${file}`); return { Resources: {} }; }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
};
const of = (template, type) => Object.values(template.Resources || {}).filter(r => r.Type === type);

const ops = read('SesOps.template.json');
const expected = [
  'dev.sesops.wiring.MonitorFunction',
  'dev.sesops.wiring.AuditFunction',
  'dev.sesops.wiring.SuppressionCleanupFunction',
  'dev.sesops.wiring.ApiFunction',
  'dev.sesops.wiring.EventsFunction',
  'dev.sesops.wiring.ReportsFunction',
];
// the Java functions; beside them three small helpers in Python: the config seed and the alarm formatter (ours), and
// CDK's own handler that puts the report bucket's notifications in place
const all = of(ops, 'AWS::Lambda::Function');
const functions = all.filter(f => String(f.Properties.Handler).endsWith('::handleRequest'));
const helpers = all.filter(f => !String(f.Properties.Handler).endsWith('::handleRequest'));
if (helpers.length !== 3 || helpers.some(f => f.Properties.Handler !== 'index.handler' || !String(f.Properties.Runtime).startsWith('python3'))) {
  problems.push(`expected three Python helpers (config seed, alarm formatter, CDK's bucket notifications); found ${helpers.map(f => f.Properties.Handler + ' ' + f.Properties.Runtime).join(', ') || 'none'}`);
}
if (of(ops, 'Custom::S3BucketNotifications').length !== 1) problems.push('expected the report bucket notifications (reports function)');
if (of(ops, 'Custom::SesOpsConfigSeed').length !== 1) problems.push('expected the config seed custom resource');
if (of(ops, 'AWS::SecretsManager::Secret').some(s => s.Properties && (s.Properties.SecretString || s.Properties.GenerateSecretString))) {
  problems.push('the config secret must not carry a value in the template');
}
const handlers = functions.map(f => String(f.Properties.Handler).replace(/::handleRequest$/, '')).sort();
if (JSON.stringify(handlers) !== JSON.stringify([...expected].sort())) {
  problems.push(`expected handlers ${expected.join(', ')}; found ${handlers.join(', ') || 'none'}`);
}
for (const f of functions) {
  if (f.Properties.Runtime !== 'java21') problems.push(`${f.Properties.Handler}: runtime ${f.Properties.Runtime}`);
  if (!f.Properties.SnapStart) problems.push(`${f.Properties.Handler}: no SnapStart`);
}
if (of(ops, 'AWS::Lambda::Alias').filter(a => a.Properties.Name === 'live').length !== expected.length) {
  problems.push('expected a live alias per function');
}
for (const m of of(ops, 'AWS::ApiGateway::Method')) {
  if (m.Properties.AuthorizationType !== 'AWS_IAM') problems.push(`API method ${m.Properties.HttpMethod} without IAM auth`);
}

const member = read('SesOpsMemberRole.template.json');
const trust = JSON.stringify(of(member, 'AWS::IAM::Role').map(r => r.Properties.AssumeRolePolicyDocument));
if (!trust.includes('"sts:ExternalId":"synth-check"')) problems.push('member role trust has no external id condition');

if (problems.length) {
  console.error('cdk-synth-check: FAILED\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`cdk-synth-check: OK (${functions.length} functions: ${handlers.join(', ')}; member role with external id)`);
JS
