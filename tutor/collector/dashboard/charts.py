"""Charts drawn on the server by pygal as inline SVG: nothing for the browser to fetch.

The collector may run on a LAN with no internet, so no chart script comes from a CDN, and
no script runs at all (the pages' Content-Security-Policy forbids scripts; pygal's small
config script is simply not run). pygal escapes every label, so a hostile lesson id or
centre name cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

WIDTH, HEIGHT = 760, 320


def _style():  # noqa: ANN202
    from pygal.style import Style

    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        font_family="'Noto Nastaliq Urdu', 'Noto Sans', sans-serif",
        colors=("#1f6f8b", "#99a8b2", "#e6a157", "#4e9f3d", "#c84b31"),
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        title_font_size=15,
    )


def _common(chart) -> None:  # noqa: ANN001
    chart.js = []  # no script from anywhere
    chart.disable_xml_declaration = True
    chart.explicit_size = True


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    percent: bool = False,
    stacked: bool = False,
) -> Markup:
    """A horizontal bar chart (long lesson names read better across)."""
    import pygal

    kind = pygal.StackedBar if stacked else pygal.HorizontalBar
    chart = kind(width=WIDTH, height=max(HEIGHT, 60 + 28 * len(labels)), style=_style())
    _common(chart)
    chart.title = title
    chart.show_legend = len(series) > 1
    # A horizontal chart draws its first label at the bottom: reverse so it reads top-down.
    flip = not stacked
    chart.x_labels = list(reversed(labels)) if flip else list(labels)
    if percent:
        chart.range = (0, 100)
        chart.value_formatter = lambda v: f"{v:.0f}%"
    for name, values in series:
        chart.add(name, list(reversed(values)) if flip else list(values))
    return Markup(chart.render(is_unicode=True))
