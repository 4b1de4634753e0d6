"""Stage 2: (Dataset, year, unit) → Findings: the numbers a memo states, no prose."""
