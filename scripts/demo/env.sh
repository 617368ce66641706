# Sourced by scripts/demo.sh and scripts/bench.sh: the demo's emulator and resources, and the
# functions' environment pointing at them. Expects ROOT (the repo root); leaves the emulator running.
#
#   MOTO_PORT / WIREMOCK_PORT   from SES_OPS_MOTO_PORT / SES_OPS_WIREMOCK_PORT (5055 / 5056)
#   demo_emulator               installs and starts moto and a WireMock with the demo's stubs
#   demo_resources CONFIG_FILE  creates the secret, topic + queue, table, bucket; exports SES_OPS_*
#   demo_exports                exports the AWS_* settings that point the SDK at the emulator
MOTO_PORT="${SES_OPS_MOTO_PORT:-5055}"
WIREMOCK_PORT="${SES_OPS_WIREMOCK_PORT:-5056}"
export SES_OPS_MOTO_ENDPOINT="http://127.0.0.1:$MOTO_PORT"

demo_emulator() {
  "$ROOT/scripts/emulator.sh" install
  WM_DIR="$ROOT/.emulator/demo-wiremock"
  rm -rf "$WM_DIR" && mkdir -p "$WM_DIR/mappings" "$WM_DIR/__files"
  cp "$ROOT"/scripts/demo/wiremock/mappings/*.json "$WM_DIR/mappings/"
  # the SES v1 proxy goes to this run's moto (SES_OPS_MOTO_PORT), not only the default port
  sed -i "s|http://127.0.0.1:5055|http://127.0.0.1:$MOTO_PORT|" "$WM_DIR/mappings/ses-v1-proxy.json"
  # CloudWatch answers with fresh timestamps: production 0.4% bounces, staging 7.2%
  # (the demo accounts live in us-west-2 and eu-central-1, Regions the tests leave alone in the shared emulator)
  java "$ROOT/scripts/demo/CloudWatchStub.java" "$WM_DIR/mappings/cloudwatch-us-west-2.json" us-west-2 0.004 0.0001
  java "$ROOT/scripts/demo/CloudWatchStub.java" "$WM_DIR/mappings/cloudwatch-eu-central-1.json" eu-central-1 0.072 0.0002
  SES_OPS_WIREMOCK_DIR="$WM_DIR" "$ROOT/scripts/emulator.sh" start
}

demo_resources() { # CONFIG_FILE
  local suffix
  suffix="$(date +%s)$$"
  eval "$(DEMO_DIR="$WM_DIR" /usr/bin/python3 "$ROOT/scripts/demo/aws.py" setup "$suffix" "$1")"
  export SES_OPS_SECRET_ID SES_OPS_ALERT_TOPIC_ARN SES_OPS_STATE_TABLE SES_OPS_REPORT_BUCKET DEMO_QUEUE_URL
  echo "secret $SES_OPS_SECRET_ID, table $SES_OPS_STATE_TABLE, bucket $SES_OPS_REPORT_BUCKET" >&2
  # reload WireMock: the setup wrote GetIdentityDkimAttributes answers with the tokens moto handed out
  curl -s -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings/reset" >/dev/null
}

demo_exports() {
  export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
  export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"
  export AWS_ENDPOINT_URL_SESV2="http://127.0.0.1:$WIREMOCK_PORT"
  export AWS_ENDPOINT_URL_CLOUDWATCH="http://127.0.0.1:$WIREMOCK_PORT"
  # SES v1 goes through WireMock, which proxies to moto all but what moto lacks (GetIdentityDkimAttributes)
  export AWS_ENDPOINT_URL_SES="http://127.0.0.1:$WIREMOCK_PORT"
  export SES_OPS_SES_CALLS_PER_SECOND=50
}
