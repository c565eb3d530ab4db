"""Bar charts drawn on the server as SVG: geometry is computed here, the template draws it.

Every chart carries its title, a one-sentence text summary (the SVG's <desc>) and the rows
of its data table, so it reads the same without sight or without SVG.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from landscape.models import KeyFigure, Program

VIEW_WIDTH = 400
BAR_AREA = 300  # the longest bar; the rest of the width holds its value
ROW_HEIGHT = 46
LABEL_OFFSET = 15
BAR_OFFSET = 21
BAR_HEIGHT = 18


@dataclass
class Bar:
    label: str
    value: float
    display: str
    tone: int = 0
    note: str = ""
    # Geometry, filled in by Chart.layout().
    y: int = 0
    label_y: int = 0
    value_y: int = 0
    width: float = 0
    value_x: float = 0


@dataclass
class Chart:
    slug: str
    title: str
    column: str
    bars: list[Bar]
    missing: list[str] = field(default_factory=list)
    empty_message: str = ""

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=0)
        for index, bar in enumerate(self.bars):
            bar.y = index * ROW_HEIGHT + BAR_OFFSET
            bar.label_y = index * ROW_HEIGHT + LABEL_OFFSET
            bar.value_y = bar.y + BAR_HEIGHT - 4
            bar.width = round(BAR_AREA * bar.value / largest, 1) if largest else 0
            bar.value_x = round(bar.width + 6, 1)

    @property
    def height(self):
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def view_width(self):
        return VIEW_WIDTH

    @property
    def bar_height(self):
        return BAR_HEIGHT

    @property
    def summary(self):
        if not self.bars:
            return self.empty_message
        return "; ".join(f"{bar.label}: {bar.display}" for bar in self.bars) + "."


def _figure_index(figures):
    return {(figure.country_id, figure.metric): figure for figure in figures}


def _country_bars(countries, figures, metrics, *, label_metric):
    """One bar per country and metric that has a figure, coloured by country; and the
    names of countries with none of the metrics."""
    index = _figure_index(figures)
    bars, missing = [], []
    for tone, country in enumerate(countries):
        found = [index[key] for key in ((country.pk, m) for m in metrics) if key in index]
        if not found:
            missing.append(country.name)
        for figure in found:
            label = (
                f"{country.name} · {figure.get_metric_display()}" if label_metric else country.name
            )
            note = _("as of %(date)s") % {"date": figure.as_of} if figure.as_of else ""
            bars.append(Bar(label, float(figure.value), figure.display_text, tone % 4, note))
    return bars, missing


def approved_products_chart(countries, figures):
    bars, missing = _country_bars(
        countries, figures, [KeyFigure.Metric.APPROVED_PRODUCTS], label_metric=False
    )
    return Chart(
        slug="approved-products",
        title=_("Approved CGT products by country"),
        column=_("Approved products"),
        bars=bars,
        missing=missing,
        empty_message=_("No approval figures have been entered yet."),
    )


TRIAL_METRICS = [
    KeyFigure.Metric.CAR_T_TRIALS,
    KeyFigure.Metric.CGT_TRIALS,
    KeyFigure.Metric.CELL_TRIALS,
    KeyFigure.Metric.GENE_TRIALS,
]


def trials_chart(countries, figures):
    bars, missing = _country_bars(countries, figures, TRIAL_METRICS, label_metric=True)
    return Chart(
        slug="trials",
        title=_("Clinical trials by country"),
        column=_("Trials"),
        bars=bars,
        missing=missing,
        empty_message=_("No trial figures have been entered yet."),
    )


def pipeline_by_phase_chart(counts):
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
    )


def pipeline_by_modality_chart(counts):
    labels = dict(Program.Modality.choices)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(labels.get(item[0], ""))))
    bars = [Bar(str(labels.get(value, value)), n, str(n), 1) for value, n in ordered if n]
    return Chart(
        slug="pipeline-modality",
        title=_("Named pipeline programs by modality"),
        column=_("Programs"),
        bars=bars,
        empty_message=_("No programs have been entered yet."),
    )
