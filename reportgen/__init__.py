"""reportgen: the memo «Landsdekkende tilbud om karriereveiledning» from the centres' data."""

__version__ = "0.1.0"
