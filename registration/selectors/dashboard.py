"""Reads for the team's dashboard: counts of the current event's registrations, never a
person. Four queries, whatever the number of registrations."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMinute, TruncDate, TruncHour
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registration.models import Payment, Registration, TicketType

KST = ZoneInfo("Asia/Seoul")
QUARTER = timedelta(minutes=15)


@dataclass
class Row:
    label: str
    count: int
    percent: float = 0  # of the largest count, filled in by Table: sizes the bar


@dataclass
class Table:
    """A titled list of counts, drawn as bars with the numbers beside them, and exported as
    CSV rows (section, label, count)."""

    slug: str
    title: str
    column: str
    rows: list[Row]
    note: str = ""
    largest: int = field(init=False)

    def __post_init__(self):
        self.largest = max((row.count for row in self.rows), default=0)
        for row in self.rows:
            row.percent = round(100 * row.count / self.largest, 1) if self.largest else 0

    @property
    def summary(self):
        return "; ".join(f"{row.label}: {row.count}" for row in self.rows) + "."

    @property
    def width(self):
        """The width of a vertical bar chart's viewBox: ten units a row."""
        return 10 * len(self.rows)

    @property
    def columns(self):
        """Rows as vertical bars in a viewBox `width` wide and 100 high: (x, y, height, row)."""
        return [
            (10 * index + 1, round(100 - row.percent, 1), row.percent, row)
            for index, row in enumerate(self.rows)
        ]


@dataclass
class MoneyRow:
    """Priced ticket type's money: received (payments less refunds), and held seats'
    amounts still owed, of which those past their deadline."""

    ticket: str
    currency: str
    received: Decimal
    outstanding: Decimal
    overdue: Decimal
    holds: int


@dataclass
class Dashboard:
    event: object
    total: int
    per_day: Table
    breakdowns: list[Table]
    checkins: Table
    money: list[MoneyRow] = field(default_factory=list)

    @property
    def tables(self):
        return [self.per_day, *self.breakdowns, self.checkins]


def _days(first, last):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _per_day(registrations):
    """Registrations made on each day in Korea time, every day from the first to the last
    (days without any included, so the chart shows the gaps)."""
    counts = dict(
        registrations.annotate(day=TruncDate("created", tzinfo=KST))
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
        .order_by("day")
    )
    days = _days(min(counts), max(counts)) if counts else []
    return Table(
        slug="per-day",
        title=_("Registrations per day"),
        column=_("Day (KST)"),
        rows=[Row(day.isoformat(), counts.get(day, 0)) for day in days],
        note=_("Every registration made that day, including those cancelled since."),
    )


def _breakdowns(registrations, ticket_types):
    """Active registrations by ticket type, country and sector, and all by status: one
    grouped query."""
    groups = list(
        registrations.values_list("ticket_type_id", "country", "sector", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_ticket, by_country, by_sector, by_status = Counter(), Counter(), Counter(), Counter()
    for ticket_type_id, country, sector, status, n in groups:
        by_status[status] += n
        if status == Registration.Status.CANCELLED:
            continue
        by_ticket[ticket_type_id] += n
        by_country[country] += n
        by_sector[sector] += n
    active_note = _(
        "Confirmed, held for payment and waitlisted registrations; cancelled ones are not counted."
    )
    return [
        Table(
            slug="ticket-type",
            title=_("By ticket type"),
            column=_("Ticket type"),
            rows=[Row(str(ticket.name), by_ticket[ticket.pk]) for ticket in ticket_types],
            note=active_note,
        ),
        Table(
            slug="country",
            title=_("By country"),
            column=_("Country"),
            rows=sorted(
                (Row(str(countries.name(code)) or code, n) for code, n in by_country.items()),
                key=lambda row: (-row.count, row.label),
            ),
            note=active_note,
        ),
        Table(
            slug="sector",
            title=_("By sector"),
            column=_("Sector"),
            rows=[
                Row(str(label), by_sector[value])
                for value, label in Registration.Sector.choices
                if by_sector[value]
            ],
            note=active_note,
        ),
        Table(
            slug="status",
            title=_("By status"),
            column=_("Status"),
            # Awaiting payment only where there are priced tickets' holds.
            rows=[
                Row(str(label), by_status[value])
                for value, label in Registration.Status.choices
                if value != Registration.Status.PENDING_PAYMENT or by_status[value]
            ],
        ),
    ]


def _event_days(event):
    """The event's days in Korea time, as [midnight of the first, midnight after the last)."""
    first, last = event.days
    return (
        datetime.combine(first, time(), tzinfo=KST),
        datetime.combine(last + timedelta(days=1), time(), tzinfo=KST),
    )


def _checkins(registrations, event):
    """Check-ins per quarter-hour (KST) on the event's day(s), from the first quarter with
    a check-in to the last, quiet quarters included."""
    start, end = _event_days(event)
    checked_in = registrations.filter(checked_in_at__gte=start, checked_in_at__lt=end)
    counts = Counter()
    for hour, minute, n in (
        checked_in.annotate(
            hour=TruncHour("checked_in_at", tzinfo=KST),
            minute=ExtractMinute("checked_in_at", tzinfo=KST),
        )
        .values_list("hour", "minute")
        .annotate(n=Count("pk"))
        .values_list("hour", "minute", "n")
        .order_by()
    ):
        counts[timezone.localtime(hour, KST) + timedelta(minutes=minute - minute % 15)] += n
    quarters = []
    if counts:
        moment, last = min(counts), max(counts)
        while moment <= last:
            quarters.append(moment)
            moment += QUARTER
    several_days = (end - start).days > 1
    label_format = "%Y-%m-%d %H:%M" if several_days else "%H:%M"
    return Table(
        slug="checkins",
        title=_("Check-ins per quarter-hour"),
        column=_("From (KST)"),
        rows=[Row(moment.strftime(label_format), counts[moment]) for moment in quarters],
        note=_("On the event's day, in Korea time."),
    )


def _money(event, ticket_types, now):
    """Per priced ticket type: money received, owed by held seats (less what they paid in
    part), and the amounts of holds past their deadline. Three grouped queries."""
    priced = [ticket for ticket in ticket_types if not ticket.is_free]
    if not priced:
        return []
    received = defaultdict(Decimal)
    for ticket_id, kind, total in (
        Payment.objects.filter(registration__event=event)
        .values_list("registration__ticket_type_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        received[ticket_id] += total if kind == Payment.Kind.PAYMENT else -total
    held = {
        ticket_id: (outstanding or Decimal(0), overdue or Decimal(0), holds)
        for ticket_id, outstanding, overdue, holds in Registration.objects.filter(
            event=event, status=Registration.Status.PENDING_PAYMENT
        )
        .values_list("ticket_type_id")
        .annotate(
            outstanding=Sum("amount"),
            overdue=Sum("amount", filter=Q(payment_deadline__lte=now)),
            holds=Count("pk"),
        )
        .values_list("ticket_type_id", "outstanding", "overdue", "holds")
        .order_by()
    }
    # Part of a hold may be paid already: it is owed less that.
    paid_on_holds = dict(
        Payment.objects.filter(
            registration__event=event,
            registration__status=Registration.Status.PENDING_PAYMENT,
            kind=Payment.Kind.PAYMENT,
        )
        .values_list("registration__ticket_type_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    rows = []
    for ticket in priced:
        outstanding, overdue, holds = held.get(ticket.pk, (Decimal(0), Decimal(0), 0))
        outstanding -= paid_on_holds.get(ticket.pk, Decimal(0))
        rows.append(
            MoneyRow(
                str(ticket.name), ticket.currency, received[ticket.pk], outstanding, overdue, holds
            )
        )
    return rows


def registration_dashboard(*, event, now=None):
    """Counts of the event's registrations for the team: per day, by ticket type, country,
    sector and status, and check-ins per quarter-hour; and for priced tickets, the money
    received, outstanding and overdue. At most six queries (none without an event); no
    personal data leaves this function."""
    if event is None:
        return None
    registrations = Registration.objects.filter(event=event)
    ticket_types = list(TicketType.objects.filter(event=event).order_by("order", "name"))
    breakdowns = _breakdowns(registrations, ticket_types)
    total = sum(row.count for row in breakdowns[-1].rows)
    return Dashboard(
        event=event,
        total=total,
        per_day=_per_day(registrations),
        breakdowns=breakdowns,
        checkins=_checkins(registrations, event),
        money=_money(event, ticket_types, now or timezone.now()),
    )


def dashboard_csv_rows(dashboard):
    """(section, label, count) for every row of every table, then the money by ticket
    type (section, "ticket · what (currency)", amount)."""
    for table in dashboard.tables:
        for row in table.rows:
            yield [str(table.title), row.label, row.count]
    for row in dashboard.money:
        for what, amount in (
            (_("received"), row.received),
            (_("outstanding"), row.outstanding),
            (_("overdue"), row.overdue),
        ):
            yield [str(_("Payments")), f"{row.ticket} · {what} ({row.currency})", amount]
