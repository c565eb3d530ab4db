"""Benchmark: the check-in desk's search at 5,000 registrations, on SQLite and PostgreSQL.

Not a test: it prints numbers. It migrates a fresh database, bulk-creates BENCH_PEOPLE
registrations with Latin, Korean, Japanese and Chinese names, then times each kind of
query a desk types (a family name, a Hangul given name, kana, an organization, an e-mail,
a reference) ROUNDS times through the selector the desk uses, and prints min / median /
max in milliseconds with the number of matches.

    make bench-checkin                      # SQLite, then PostgreSQL if BENCH_PG_URL is set
    BENCH_PG_URL=postgres://postgres@127.0.0.1:54329/bench make bench-checkin
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = int(os.environ.get("BENCH_PEOPLE", 5000))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 50))

FAMILY = ["Kim", "Lee", "Park", "Yamada", "Tanaka", "Wang", "Chen", "García", "이", "山田", "王"]
GIVEN = ["Min-ji", "Taro", "Wei", "José", "헌주", "たろう", "伟", "Ana", "서연", "はなこ"]
QUERIES = ["garcia", "헌주", "タロウ", "org 123", "person4321@example.com", "{ref}", "zzz"]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def reference(n):
    """CGT- and five characters of the references' own alphabet, unique per n."""
    digits = ""
    for _ in range(5):
        n, rest = divmod(n, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return f"CGT-{digits}"


def run(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cgt_event.settings")
    sys.path.insert(0, str(ROOT))
    # Imports wait for DATABASE_URL: settings read it once, when Django sets up.
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from registration.models import Event, Registration, TicketType  # noqa: PLC0415
    from registration.selectors.attendance import checkin_search  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    Registration.objects.all().delete()
    event = Event.objects.create(
        name="Bench",
        slug=f"bench-{time.time_ns()}",
        start="2030-01-01T00:00Z",
        end="2030-01-02T00:00Z",
    )
    ticket = TicketType.objects.create(event=event, name="Pass")
    people = []
    for n in range(PEOPLE):
        person = Registration(
            event=event,
            ticket_type=ticket,
            given_name=GIVEN[n % len(GIVEN)],
            family_name=FAMILY[n % len(FAMILY)] + ("" if n % 3 else str(n)),
            email=f"person{n}@example.com",
            organization=f"Org {n % 400}",
            country="KR",
            sector="biotech",
            status="confirmed",
            reference=reference(n),
            token=f"t{n:040d}",
            checkin_token=f"c{n:040d}",
        )
        person.search_text = person.build_search_text()
        people.append(person)
    Registration.objects.bulk_create(people, batch_size=1000)
    print(f"{connection.vendor}: {PEOPLE} registrations")
    for query in QUERIES:
        query = query.format(ref=reference(PEOPLE // 2))
        times, found = [], 0
        for _ in range(ROUNDS):
            started = time.perf_counter()
            found = len(checkin_search(query=query))
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"  {query!r:28} {found:3} matches  min {min(times):6.2f}  "
            f"median {statistics.median(times):6.2f}  max {max(times):6.2f} ms"
        )


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else None
    if url:
        run(url)
    else:
        with tempfile.TemporaryDirectory() as folder:
            run(f"sqlite:///{folder}/bench.sqlite3")
        if os.environ.get("BENCH_PG_URL"):
            # A fresh interpreter: Django is configured once per process.
            os.execv(sys.executable, [sys.executable, __file__, os.environ["BENCH_PG_URL"]])
