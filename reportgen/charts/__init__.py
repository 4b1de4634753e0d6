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
    drawn with matplotlib (imported here, where it runs: in a helper process) twice: for
    print (its PNG, data and spec) and for the web page, narrower so its text stays legible
    on a phone (its SVG, see ``charts.bars.on_screen``). Raises TemplateError or DataError
    as ``charts.kinds.render``."""
    from dataclasses import replace

    from reportgen.charts.bars import on_screen
    from reportgen.charts.kinds import render

    printed = render(name, findings, labels, lang, theme)
    with on_screen(theme.font_name):
        shown = render(name, findings, labels, lang, theme)
    return replace(printed, svg=shown.svg)
