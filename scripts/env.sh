# Prepare this shell for the README's workflow, after `make setup`:  source scripts/env.sh
# What `make` does for its own recipes, for an interactive shell (bash or zsh): the project's
# cdktf CLI and Node 22 (node_modules/.bin) first on PATH, pipenv (which cdktf.json's app runs)
# where `make setup` installed it, Terraform pointed at the local provider mirror config
# (.tools/terraform.rc), and `importer` defined as `.venv/bin/python -m importer`.
# It changes nothing but this shell's environment.
_retainwise_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
if [ ! -x "$_retainwise_root/.venv/bin/python" ] || [ ! -x "$_retainwise_root/node_modules/.bin/cdktf" ] \
   || [ ! -f "$_retainwise_root/.tools/terraform.rc" ]; then
  echo "scripts/env.sh: $_retainwise_root is not set up: run \`make setup\` there first" >&2
  unset _retainwise_root
  return 1 2>/dev/null || exit 1
fi
# The same interpreter and scripts directory as the Makefile (PYTHON ?= python3): pipenv is there.
_retainwise_scripts=$("${PYTHON:-python3}" -c "import sysconfig; print(sysconfig.get_path('scripts'))")
case ":$PATH:" in
  *":$_retainwise_root/node_modules/.bin:"*) ;;
  *) PATH="$_retainwise_root/node_modules/.bin:$PATH" ;;
esac
case ":$PATH:" in
  *":$_retainwise_scripts:"*) ;;
  *) PATH="$PATH:$_retainwise_scripts" ;;
esac
export PATH
command -v pipenv >/dev/null 2>&1 || echo "scripts/env.sh: warning: pipenv is not in $_retainwise_scripts" \
  "(cdktf.json's app runs it): run this with the python3 that ran \`make setup\` first on PATH, or set PYTHON" >&2
export TF_CLI_CONFIG_FILE="$_retainwise_root/.tools/terraform.rc"
export JSII_NODE="$_retainwise_root/node_modules/.bin/node"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export CHECKPOINT_DISABLE=1
export PIPENV_VENV_IN_PROJECT=1 PIPENV_VERBOSITY=-1
export RETAINWISE_ROOT="$_retainwise_root"
unset _retainwise_root _retainwise_scripts
importer() { PYTHONPATH="$RETAINWISE_ROOT${PYTHONPATH:+:$PYTHONPATH}" "$RETAINWISE_ROOT/.venv/bin/python" -m importer "$@"; }
emulator() { PYTHONPATH="$RETAINWISE_ROOT${PYTHONPATH:+:$PYTHONPATH}" "$RETAINWISE_ROOT/.venv/bin/python" -m emulator "$@"; }
