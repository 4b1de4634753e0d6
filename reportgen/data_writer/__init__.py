"""The data companion: every table and chart of a memo as numbers, in XLSX and CSV."""
