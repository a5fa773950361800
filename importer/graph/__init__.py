"""The dependency graph of a configuration (networkx stays inside this package)."""
