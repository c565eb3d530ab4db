"""Bar charts drawn on the server: sizes are computed here, the template draws them.

Every chart carries its title, a one-sentence text summary (the SVG's <desc>) and the rows
of its data table, so it reads the same without sight or without SVG.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from landscape.models import KeyFigure, Program


@dataclass
class Bar:
    label: str
    value: float
    display: str
    tone: int = 0
    note: str = ""
    percent: float = 0  # of the longest bar, filled in by Chart


@dataclass
class Chart:
    """A titled set of bars with where its numbers come from.

    Rows are drawn in HTML (labels in the page's own fonts and size) with an SVG bar each;
    `percent` sizes the bar, since the CSP allows no inline styles.
    """

    slug: str
    title: str
    column: str
    bars: list[Bar]
    missing: list[str] = field(default_factory=list)
    empty_message: str = ""
    sources: list[str] = field(default_factory=list)
    note: str = ""

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=0)
        for bar in self.bars:
            bar.percent = round(100 * bar.value / largest, 1) if largest else 0

    @property
    def summary(self):
        if not self.bars:
            return self.empty_message
        return "; ".join(f"{bar.label}: {bar.display}" for bar in self.bars) + "."


def _figure_index(figures):
    return {(figure.country_id, figure.metric): figure for figure in figures}


def _sources(items):
    return sorted({item.source for item in items if item.source})


def _note(figure):
    return _("as of %(date)s") % {"date": figure.as_of} if figure.as_of else ""


def approved_products_chart(countries, figures):
    index = _figure_index(figures)
    bars, missing, used = [], [], []
    for tone, country in enumerate(countries):
        figure = index.get((country.pk, KeyFigure.Metric.APPROVED_PRODUCTS))
        if figure is None:
            missing.append(country.name)
            continue
        used.append(figure)
        bars.append(
            Bar(country.name, float(figure.value), figure.display_text, tone % 4, _note(figure))
        )
    return Chart(
        slug="approved-products",
        title=_("Approved CGT products by country"),
        column=_("Approved products"),
        bars=bars,
        missing=missing,
        empty_message=_("No approval figures have been entered yet."),
        sources=_sources(used),
    )


# Each country's headline trial count, the first of these it has. Counts of parts (cell,
# gene) are drawn in a chart of their own, never beside the total they add up to.
HEADLINE_TRIAL_METRICS = [KeyFigure.Metric.CAR_T_TRIALS, KeyFigure.Metric.CGT_TRIALS]
TRIAL_PART_METRICS = [KeyFigure.Metric.CELL_TRIALS, KeyFigure.Metric.GENE_TRIALS]


def trials_chart(countries, figures):
    index = _figure_index(figures)
    bars, missing, used = [], [], []
    for tone, country in enumerate(countries):
        figure = next(
            (index[key] for m in HEADLINE_TRIAL_METRICS if (key := (country.pk, m)) in index),
            None,
        )
        if figure is None:
            missing.append(country.name)
            continue
        used.append(figure)
        label = f"{country.name} · {figure.get_metric_display()}"
        bars.append(Bar(label, float(figure.value), figure.display_text, tone % 4, _note(figure)))
    return Chart(
        slug="trials",
        title=_("Clinical trials by country"),
        column=_("Trials"),
        bars=bars,
        missing=missing,
        empty_message=_("No trial figures have been entered yet."),
        sources=_sources(used),
    )


def trial_breakdown_charts(countries, figures):
    """For each country with cell and gene therapy trial counts, a chart of the two."""
    index = _figure_index(figures)
    result = []
    for tone, country in enumerate(countries):
        parts = [index[key] for m in TRIAL_PART_METRICS if (key := (country.pk, m)) in index]
        if len(parts) < 2:
            continue
        result.append(
            Chart(
                slug=f"trials-{country.slug}",
                title=_("Cell and gene therapy trials in %(country)s") % {"country": country.name},
                column=_("Trials"),
                bars=[
                    Bar(
                        str(figure.get_metric_display()),
                        float(figure.value),
                        figure.display_text,
                        tone % 4,
                        _note(figure),
                    )
                    for figure in parts
                ],
                sources=_sources(parts),
            )
        )
    return result


def pipeline_by_phase_chart(counts, *, sources=()):
    bars = [
        Bar(str(label), counts[value], str(counts[value]), 0)
        for value, label in Program.Phase.choices
        if counts.get(value)
    ]
    return Chart(
        slug="pipeline-phase",
        title=_("Named pipeline programs by phase"),
        column=_("Programs"),
        bars=bars,
        empty_message=_("No programs have been entered yet."),
        sources=sorted(sources),
    )


def pipeline_by_modality_chart(counts, *, sources=()):
    labels = dict(Program.Modality.choices)
    unspecified = counts.get(Program.Modality.UNSPECIFIED, 0)
    ordered = sorted(
        ((value, n) for value, n in counts.items() if value != Program.Modality.UNSPECIFIED),
        key=lambda item: (-item[1], str(labels.get(item[0], ""))),
    )
    bars = [Bar(str(labels.get(value, value)), n, str(n), 1) for value, n in ordered if n]
    note = (
        ngettext(
            "%(count)s program whose modality is not given is not counted.",
            "%(count)s programs whose modality is not given are not counted.",
            unspecified,
        )
        % {"count": unspecified}
        if unspecified
        else ""
    )
    return Chart(
        slug="pipeline-modality",
        title=_("Named pipeline programs by modality"),
        column=_("Programs"),
        bars=bars,
        empty_message=_("No programs have been entered yet."),
        sources=sorted(sources),
        note=note,
    )
