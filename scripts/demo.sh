#!/usr/bin/env bash
# `make demo`: the whole job on the embedded AWS emulator.
# (Run through make, which puts the project's node, cdktf and Terraform config on the path.)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
STATE_FILE=.emulator/state.json
# The staging copy is deployed by a second emulator process (a separate account): moto is not
# thread-safe, so two Terraform runs must never share one emulator.
STAGING_STATE_FILE=.emulator/staging/state.json
staging_pid=""
mkdir -p imports/prod

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
# elapsed START [END]: seconds between two $EPOCHREALTIME readings (END defaults to now).
elapsed() { $PY -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "${2:-$EPOCHREALTIME}"; }

descendants() { local child; for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$child"; descendants "$child"; done; }
# On any exit (error, Ctrl-C, kill): stop the background staging deploy and everything it started
# (cdktf runs Terraform in a session of its own, so its process group is not enough), give
# Terraform up to 10 s to stop, then stop both emulators.
cleanup() {
  if [ -n "$staging_pid" ] && kill -0 "$staging_pid" 2>/dev/null; then
    local pids
    pids="$staging_pid $(descendants "$staging_pid")"
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 20); do kill -0 $pids 2>/dev/null || break; sleep 0.5; done
    wait "$staging_pid" 2>/dev/null || true
  fi
  $PY -m emulator --state-file "$STAGING_STATE_FILE" stop >/dev/null 2>&1 || true
  $PY -m emulator --state-file "$STATE_FILE" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "start the local AWS emulators (moto on 127.0.0.1, real HTTP): prod's account, and staging's"
$PY -m emulator --state-file "$STAGING_STATE_FILE" stop >/dev/null 2>&1 || true
$PY -m emulator --state-file "$STATE_FILE" stop >/dev/null 2>&1 || true
$PY -m emulator --state-file "$STATE_FILE" start
$PY -m emulator --state-file "$STAGING_STATE_FILE" start
staging_env=$($PY -m emulator --state-file "$STAGING_STATE_FILE" env)
eval "$($PY -m emulator --state-file "$STATE_FILE" env)"

step "cdktf synth: prod, staging and dev from one code base (provider and backend aimed at the emulator)"
start=$EPOCHREALTIME
cdktf synth --output cdktf.out >imports/synth.log 2>&1 || { cat imports/synth.log; exit 1; }
echo "    synthesized in $(elapsed "$start") into cdktf.out/stacks/"
$PY -m importer summary --stack prod --stack staging --stack dev

step "build the hand-built prod account (console/CLI style; an older hand-written Terraform project adopted part of it)"
# --state-from legacy: emulator/scenario/legacy_project/ imports part of the account with the real
# Terraform into prod's S3 backend at its own addresses (count, for_each, a module, other names).
start=$EPOCHREALTIME
$PY -m emulator --state-file "$STATE_FILE" build-account --environment prod --state-from legacy \
  --stack-dir cdktf.out/stacks/prod --report imports/prod/account.json
echo "    built in $(elapsed "$start"); report: imports/prod/account.json"

step "discover the live account (read-only; secrets never read)"
$PY -m importer discover --stack prod

step "plan: match code to live to state: moves for the old project's addresses, imports in dependency order"
set +e
$PY -m importer plan --stack prod --inventory imports/prod/inventory.json
status=$?
set -e
[ "$status" -eq 1 ] && exit 1
echo "    (exit $status: 0 = nothing to do, 2 = moves, imports or forgets planned, or decisions pending)"
echo "    moves (state address of the old project -> address in code; Terraform moved blocks in batch 1):"
$PY -c "import json
for m in json.load(open('imports/prod/plan.json'))['moved']: print(f'      {m[\"from\"]:52} -> {m[\"to\"]}')"

step "decide the orphans (in state, not in code) as a user would: forget them (Terraform lets go, AWS keeps them)"
orphans=$($PY -c "import json; print('\n'.join(o['address'] for o in json.load(open('imports/prod/plan.json'))['orphaned']))")
forget_args=()
while IFS= read -r address; do
  [ -n "$address" ] || continue
  echo "    --forget '$address'"
  forget_args+=(--forget "$address")
done <<<"$orphans"
set +e
$PY -m importer plan --stack prod --inventory imports/prod/inventory.json "${forget_args[@]}" | tail -1
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 2 ] || { echo "    plan --forget exited $status"; exit 1; }

# The staging copy deploys in the background (mostly the provider's own waits) while prod is
# verified and applied, into its own emulator (a separate account): cdktf deploy synthesizes
# staging again with that emulator's environment, so its provider and S3 backend reach it alone.
# setsid: a Ctrl-C in the terminal reaches the EXIT trap, which stops the deploy in order.
staging_start=$EPOCHREALTIME
setsid bash -c 'set -euo pipefail; eval "$1"
  .venv/bin/python -c "import boto3; boto3.client(\"s3\").create_bucket(Bucket=\"staging-retainwise-tfstate\")"
  RETAINWISE_ENVIRONMENTS=staging cdktf deploy staging --auto-approve --skip-provider-lock --output cdktf.out.staging
  echo "staging deploy finished at $EPOCHREALTIME"' \
  staging-deploy "$staging_env" >imports/staging-deploy.log 2>&1 &
staging_pid=$!

step "verify: every batch judged on a real Terraform plan in a sandbox copy of the state"
$PY -m importer verify --stack prod

step "apply: each verified batch into the real (emulator) state through a saved, gated plan"
batches=$($PY -c "import json; print(len(json.load(open('imports/prod/plan.json'))['batches']))")
for k in $(seq 1 "$batches"); do
  $PY -m importer apply --stack prod --batch "$k"
done

step "final plan of the full prod configuration; the state holds each live object once"
(cd cdktf.out/stacks/prod && terraform init -input=false -no-color >/dev/null && \
  terraform plan -input=false -no-color -detailed-exitcode | tail -2)
(cd cdktf.out/stacks/prod && terraform state pull) | $PY -c "import json, sys
held = [(r['type'], i['attributes']['id']) for r in json.load(sys.stdin)['resources'] if r['mode'] == 'managed'
        for i in r['instances']]
print(f'    {len(held)} instances in state, {len(set(held))} distinct objects'); sys.exit(len(held) != len(set(held)))"

step "least-privilege CI roles for this stack (instead of admin for CI): imports/prod/policies/"
policy_out=$($PY -m importer policy --stack prod --github-repo example/infrastructure --github-environment prod 2>&1) \
  || { echo "$policy_out"; exit 1; }
echo "$policy_out" | grep -v '^note: not scoped by environment' | sed 's/^/    /'
echo "    + $(echo "$policy_out" | grep -c '^note: not scoped by environment') writes IAM cannot limit to one environment, listed with the reason by the command"

step "the same code created a staging copy meanwhile, in a second emulator (cdktf deploy staging; --skip-provider-lock: no registry here)"
status=0
wait "$staging_pid" || status=$?
staging_pid=""
if [ "$status" -ne 0 ]; then
  echo "    the staging deploy failed (exit $status); the end of imports/staging-deploy.log:"
  tail -40 imports/staging-deploy.log | sed 's/\x1b\[[0-9;]*m//g; s/^/      /'
  exit 1
fi
grep -E "Apply complete" imports/staging-deploy.log | tail -1 | sed 's/\x1b\[[0-9;]*m//g; s/^ */    /'
staging_end=$(sed -n 's/^staging deploy finished at //p' imports/staging-deploy.log)
echo "    deployed in $(elapsed "$staging_start" "$staging_end") into its own emulator, alongside prod's verify and apply"

step "report: imports/prod/report.md (summary below)"
sed -n '/^## Summary/,/^## Batches/p' imports/prod/report.md | grep -v '^## Batches'
$PY -c "import json; p = json.load(open('imports/prod/plan.json'))
forgets = [o for o in p['orphaned'] if o['decision'] == 'forget']
print(f\"applied: {len(p['moved'])} moves, {len(forgets)} forgets, {sum(len(b['imports']) for b in p['batches'])} imports in {len(p['batches'])} batches\")"
echo
sed -n '/^## Verification/,/^### /p' imports/prod/report.md | grep -v '^### '
echo "(the differences verify accepted or refused, attribute by attribute, follow in imports/prod/report.md)"
