#!/usr/bin/env bash
# `make demo`: the whole job on the embedded AWS emulator.
# (Run through make, which puts the project's node, cdktf and Terraform config on the path.)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
STATE_FILE=.emulator/state.json
mkdir -p imports/prod

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
elapsed() { $PY -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$EPOCHREALTIME"; }

step "start the local AWS emulator (moto on 127.0.0.1, real HTTP)"
$PY -m importer emulator --state-file "$STATE_FILE" stop >/dev/null 2>&1 || true
$PY -m importer emulator --state-file "$STATE_FILE" start
trap '$PY -m importer emulator --state-file "$STATE_FILE" stop >/dev/null 2>&1 || true' EXIT
eval "$($PY -m importer emulator --state-file "$STATE_FILE" env)"

step "cdktf synth: prod, staging and dev from one code base (provider and backend aimed at the emulator)"
start=$EPOCHREALTIME
cdktf synth --output cdktf.out >imports/synth.log 2>&1 || { cat imports/synth.log; exit 1; }
echo "    synthesized in $(elapsed "$start") into cdktf.out/stacks/"
$PY -m importer summary --stack prod --stack staging --stack dev

step "build the hand-built prod account (console/CLI style, part of it already in Terraform state)"
start=$EPOCHREALTIME
$PY -m importer emulator --state-file "$STATE_FILE" build-account --environment prod \
  --stack-dir cdktf.out/stacks/prod --report imports/prod/account.json
echo "    built in $(elapsed "$start"); report: imports/prod/account.json"

step "discover the live account (read-only; secrets never read)"
$PY -m importer discover --stack prod

step "plan: match code to live to state, batch the imports in dependency order"
set +e
$PY -m importer plan --stack prod --inventory imports/prod/inventory.json
status=$?
set -e
[ "$status" -eq 1 ] && exit 1
echo "    (exit $status: 0 = nothing to import, 2 = imports planned)"
echo
echo "Import batches (imports/prod/report.md):"
$PY - <<'PYEOF'
import json
plan = json.load(open("imports/prod/plan.json"))
for batch in plan["batches"]:
    kinds = sorted({i["type"].removeprefix("aws_") for i in batch["imports"]})
    print(f"  batch {batch['index']}: {len(batch['imports']):3d} imports ({', '.join(kinds[:6])}{', ...' if len(kinds) > 6 else ''})")
print(f"  next: IMPORT_BATCH=1 cdktf deploy prod   (see README: the per-batch workflow)")
PYEOF
