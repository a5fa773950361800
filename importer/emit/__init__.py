"""Pure emitters: an ImportPlan in, text out (Markdown report, terminal tables)."""
