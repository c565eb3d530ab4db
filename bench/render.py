"""Benchmark: the uncached ("cold") render of every public page, in-process.

Not a test: it prints numbers. `build` migrates a fresh SQLite database, loads the seed and
adds data at a scale (1: the seed plus a few sessions; 50: fifty times the seed's companies,
programs, highlights and speakers, and 300 sessions, all of the current event). `time`
renders each page ROUNDS times through Django's test client with production settings (no
cache: DJANGO_PAGE_CACHE=off) and prints milliseconds per request and queries per page.

    python bench/render.py build /tmp/cold/x50.sqlite3 50
    python bench/render.py time /tmp/cold/x50.sqlite3 [ROUNDS] [--profile PATH]
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_path, *, debug):
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ["DJANGO_DEBUG"] = "1" if debug else "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ["DJANGO_PAGE_CACHE"] = "off"  # the render itself, never a kept page
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cgt_event.settings")
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415

    django.setup()


def build(database_path, scale):
    setup(database_path, debug=True)
    from django.core.management import call_command  # noqa: PLC0415

    from landscape.models import Company, Country, Highlight, Program  # noqa: PLC0415
    from registration.models import Event, Session, SessionSpeaker, Speaker  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    event = Event.objects.current()
    countries = list(Country.objects.all())
    if scale > 1:
        seeded = Company.objects.count()
        companies = Company.objects.bulk_create(
            Company(
                name=f"Bench Company {n}",
                slug=f"bench-company-{n}",
                country=countries[n % len(countries)],
                description_en="A company made up for the benchmark.",
            )
            for n in range(seeded * (scale - 1))
        )
        phases, modalities = Program.Phase.values, Program.Modality.values
        Program.objects.bulk_create(
            Program(
                company=company,
                name=f"BX-{n}-{k}",
                modality=modalities[(n + k) % len(modalities)],
                phase=phases[(n + k) % len(phases)],
                indication_en="Lymphoma",
                order=k,
            )
            for n, company in enumerate(companies)
            for k in range(2)
        )
        highlights = Highlight.objects.bulk_create(
            Highlight(
                country=countries[n % len(countries)],
                topic=Highlight.Topic.values[n % len(Highlight.Topic.values)],
                text_en=f"A made-up highlight number {n} about the region's progress.",
                order=100 + n,
            )
            for n in range(Highlight.objects.count() * (scale - 1))
        )
        Highlight.companies.through.objects.bulk_create(
            Highlight.companies.through(highlight=highlight, company=companies[n])
            for n, highlight in enumerate(highlights)
        )
        seeded_speakers = Speaker.objects.count()
        Speaker.objects.bulk_create(
            Speaker(
                event=event,
                name=f"Bench Speaker {n}",
                slug=f"bench-speaker-{n}",
                role_en="Chief Scientific Officer",
                organization_en=companies[n].name,
                company=companies[n],
                country=countries[n % len(countries)],
                bio_en=f"Speaker {n} leads research.\n\nThey have spoken widely.",
                order=100 + n,
            )
            for n in range(seeded_speakers * (scale - 1))
        )
    speakers = list(Speaker.objects.filter(event=event))
    rooms = ["Hall A", "Hall B", "Room 301"]
    count = 300 * scale // 50
    sessions = Session.objects.bulk_create(
        Session(
            event=event,
            title_en=f"Session {n}: where cell therapy goes next",
            description_en="A talk about *manufacturing*.\n\nWith questions.",
            kind=Session.Kind.values[n % 4],
            start=event.start + timedelta(minutes=20 * (n // len(rooms))),
            end=event.start + timedelta(minutes=20 * (n // len(rooms)) + 20),
            room_en=rooms[n % len(rooms)],
        )
        for n in range(count)
    )
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(
            session=session,
            speaker=speakers[(n + k) % len(speakers)],
            role=SessionSpeaker.Role.values[k % len(SessionSpeaker.Role.values)],
            order=k,
        )
        for n, session in enumerate(sessions)
        for k in range(1 + n % 3)
    )


def paths():
    from landscape.models import Company  # noqa: PLC0415
    from registration.models import Session, Speaker  # noqa: PLC0415

    company = Company.objects.order_by("pk").first()
    speaker = Speaker.objects.order_by("pk").first()
    session = Session.objects.order_by("pk").first()
    pages = [
        "/",
        "/landscape/",
        "/landscape/south-korea/",
        "/landscape/companies/",
        company.get_absolute_url(),
        "/speakers/",
        speaker.get_absolute_url(),
        "/agenda/",
        *([session.get_absolute_url()] if session else []),
        "/privacy/",
    ]
    return pages + [f"/ko{path}" for path in pages]


def timed(database_path, rounds, profile=None):
    setup(database_path, debug=False)
    from django.conf import settings  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    if profile:
        import cProfile  # noqa: PLC0415
        import pstats  # noqa: PLC0415

        client.get(profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(rounds):
            client.get(profile)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative"))
        stats.print_stats(int(os.environ.get("BENCH_LINES", 45)))
        return
    total = 0.0
    print(f"{'page':48} {'median':>7}    {'min':>7}    queries   bytes")
    for path in paths():
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(rounds):
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        ms = statistics.median(times)
        total += ms
        print(
            f"{path:48} {ms:7.2f} ms {min(times):7.2f} ms  {len(queries):2} q  "
            f"{len(response.content):7} B"
        )
    print(f"{'total of medians':48} {total:7.2f} ms")


if __name__ == "__main__":
    command, database = sys.argv[1], sys.argv[2]
    if command == "build":
        build(database, int(sys.argv[3]))
    else:
        args = sys.argv[3:]
        profile = None
        if "--profile" in args:
            profile = args[args.index("--profile") + 1]
            args = args[: args.index("--profile")]
        timed(database, int(args[0]) if args else 200, profile)
