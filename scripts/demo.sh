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
echo "    (the old project's entries for objects the stacks do not describe; codified below, they are imported"
echo "     afresh from what AWS holds now, at an address in code, instead of moved with a stale state entry)"
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

step "codify what the code still lacks: live objects no state holds, as a reviewable module imports/prod/adopted.py"
# A second round beside the first one's files (imports/prod/adopted/): plan lists what is unmanaged now,
# the 2 forgotten objects included. Every one of them is codified but the S3 backend's own bucket.
start=$EPOCHREALTIME
ADOPTED_DIR=imports/prod/adopted
mkdir -p "$ADOPTED_DIR" && cp imports/prod/inventory.json "$ADOPTED_DIR/"
set +e
$PY -m importer plan --stack prod --inventory "$ADOPTED_DIR/inventory.json" --output-dir "$ADOPTED_DIR" >/dev/null
status=$?
set -e
[ "$status" -eq 1 ] && exit 1
selection=$($PY -c "import json, sys
backend = json.load(open('cdktf.out/stacks/prod/cdk.tf.json'))['terraform']['backend']['s3']['bucket']
for u in json.load(open(sys.argv[1] + '/plan.json'))['unmanaged']:
    if u['id'] == backend:
        print(f'    not codified: {u[\"type\"]} {u[\"id\"]}: the bucket that holds this stack\'s state (manage it apart)', file=sys.stderr)
    else:
        print(u['type'], u['id'])" "$ADOPTED_DIR")
# The stack tags all it manages (provider default_tags). Adopting an untagged object would tag it: a
# change, which an import batch must not make (verify refuses it). A user tags them first, as a change
# of its own (boto3 here); import then reads the tags back.
$PY -c "import json, sys, boto3
tags = json.load(open('cdktf.out/stacks/prod/cdk.tf.json'))['provider']['aws'][0]['default_tags'][0]['tags']
pairs = [{'Key': k, 'Value': v} for k, v in tags.items()]
taggers = {'aws_sqs_queue': lambda i: boto3.client('sqs').tag_queue(QueueUrl=i, Tags=tags),
           'aws_security_group': lambda i: boto3.client('ec2').create_tags(Resources=[i], Tags=pairs),
           'aws_vpc_security_group_egress_rule': lambda i: boto3.client('ec2').create_tags(Resources=[i], Tags=pairs),
           'aws_iam_policy': lambda i: boto3.client('iam').tag_policy(PolicyArn=i, Tags=pairs),
           'aws_lambda_function': lambda i: boto3.client('lambda').tag_resource(
               Resource=boto3.client('lambda').get_function(FunctionName=i)['Configuration']['FunctionArn'], Tags=tags),
           'aws_ssm_parameter': lambda i: boto3.client('ssm').add_tags_to_resource(
               ResourceType='Parameter', ResourceId=i, Tags=pairs)}
for line in sys.stdin.read().splitlines():
    tf_type, import_id = line.split(' ', 1)
    taggers[tf_type](import_id)
    print(f'    {tf_type:36} {import_id}')
print(f'    (tagged first with the stack\'s default tags {\", \".join(tags)}: adopting them must not change them)')" <<<"$selection"
select_args=()
while read -r _ import_id; do select_args+=(--select "$import_id"); done <<<"$selection"
COLUMNS=100 $PY -m importer codify --stack prod --output-dir "$ADOPTED_DIR" "${select_args[@]}" \
  --output imports/prod/adopted.py --class-name AdoptedProd | sed 's/^/    /'
echo "    a few lines of it (the hand-made security group and its rule: a reference, not its ID):"
sed -n '/= SecurityGroup(/,/^        )/p; /= VpcSecurityGroupEgressRule(/,/^        )/p' imports/prod/adopted.py | sed 's/^/      /'
echo "    codified in $(elapsed "$start")"

step "wire it in (RETAINWISE_ADOPTED=prod:imports/prod/adopted.py, or one line in the stack), plan, verify, apply"
start=$EPOCHREALTIME
RETAINWISE_ENVIRONMENTS=prod RETAINWISE_ADOPTED=prod:imports/prod/adopted.py CDKTF_OUTDIR=cdktf.out $PY main.py \
  >>imports/synth.log 2>&1 || { tail -20 imports/synth.log; exit 1; }
set +e
$PY -m importer plan --stack prod --inventory "$ADOPTED_DIR/inventory.json" --output-dir "$ADOPTED_DIR" | tail -1 | sed 's/^/    /'
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 2 ] || { echo "    plan of the adopted module exited $status"; exit 1; }
$PY -m importer verify --stack prod --output-dir "$ADOPTED_DIR" | sed 's/^/    /'
$PY -m importer apply --stack prod --output-dir "$ADOPTED_DIR" --batch all | sed 's/^/    /'
echo "    codified objects adopted in $(elapsed "$start")"

step "final plan of the full prod configuration (adopted module included); the state holds each live object once"
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
print(f\"applied: {len(p['moved'])} moves, {len(forgets)} forgets, {sum(len(b['imports']) for b in p['batches'])} imports in {len(p['batches'])} batches\")
a = json.load(open('imports/prod/adopted/plan.json'))
print(f\"then codified and applied: {sum(len(b['imports']) for b in a['batches'])} imports of imports/prod/adopted.py; \"
      f\"left unmanaged: {', '.join(u['id'] for u in a['unmanaged'])}\")"
echo
sed -n '/^## Verification/,/^### /p' imports/prod/report.md | grep -v '^### '
echo "(the differences verify accepted or refused, attribute by attribute, follow in imports/prod/report.md)"
