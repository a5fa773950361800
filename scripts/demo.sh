#!/usr/bin/env bash
# `make demo`: synthesize every environment with the real cdktf CLI and show what each holds.
# (Run through make, which puts the project's node, cdktf and Terraform config on the path.)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

echo "==> cdktf synth (prod, staging, dev from one code base)"
start=$EPOCHREALTIME
cdktf synth --output cdktf.out >/tmp/retainwise-synth.log 2>&1 || { cat /tmp/retainwise-synth.log; exit 1; }
$PY -c "print(f'    synthesized in {$EPOCHREALTIME - $start:.1f} s into cdktf.out/stacks/\\n')"

$PY -m importer summary --stack prod --stack staging --stack dev

echo
echo "==> state backends"
for env in prod staging dev; do
  $PY -c "import json,sys; b=json.load(open('cdktf.out/stacks/$env/cdk.tf.json'))['terraform']['backend']['s3']; print(f\"    $env: s3://{b['bucket']}/{b['key']} (lockfile: {b.get('use_lockfile')})\")"
done
