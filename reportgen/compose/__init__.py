"""Stage 3: template + Findings → Memo (the format-neutral model) and its chart requests."""
