"""The chart names templates may use; checked in the main process without importing
matplotlib (the charts are drawn by ``charts.kinds`` in a helper process)."""

from __future__ import annotations

# The charts templates can show as ![alt](chart:NAME "caption"), drawn by charts.kinds;
# with parameters, a ``charts.request``: chart:distribution?dimension=channel.
NAMES = (
    "users_by_year",
    "users_by_county",
    "satisfaction",
    "satisfaction_vs_country",
)


def draw(name: str, findings, labels: dict, lang, theme):
    """The chart ``name`` (one of ``NAMES`` or a ``charts.request``) as a ``model.Chart``,
    drawn with matplotlib (imported here, where it runs: in a helper process). Raises
    TemplateError or DataError as ``charts.kinds.render``."""
    from reportgen.charts.kinds import render

    return render(name, findings, labels, lang, theme)
