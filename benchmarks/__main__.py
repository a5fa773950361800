"""``python -m benchmarks``: print every benchmark's figures in one table."""

from rich.console import Console
from rich.table import Table

from benchmarks import synth


def main() -> None:
    """Run the benchmarks and print their rows side by side."""
    table = Table(title="retainwise benchmarks")
    table.add_column("measure")
    table.add_column("figure", justify="right")
    for label, value in synth.run():
        table.add_row(label, value)
    Console().print(table)


main()
