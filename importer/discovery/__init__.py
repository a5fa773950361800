"""Reading the live account: one generic runner for every spec, read-only by construction."""
