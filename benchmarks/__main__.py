"""``python -m benchmarks [NAME ...]``: print every benchmark's figures in one table."""

import sys

from rich.console import Console
from rich.table import Table

from benchmarks import codify, discovery, reconcile, scale, synth, verify

BENCHMARKS = {"synth": synth.run, "discovery": discovery.run, "reconcile": reconcile.run, "verify": verify.run,
              "scale": scale.run, "codify": codify.run}


def main(names: list[str]) -> None:
    """Run the named benchmarks (default: all) and print their rows side by side."""
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    table = Table(title="retainwise benchmarks")
    table.add_column("benchmark")
    table.add_column("measure")
    table.add_column("figure", justify="right")
    for name in names or list(BENCHMARKS):
        for label, value in BENCHMARKS[name]():
            table.add_row(name, label, value)
    Console().print(table)


main(sys.argv[1:])
