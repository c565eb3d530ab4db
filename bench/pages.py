"""Benchmark: how fast gunicorn serves the public pages, measured against a static file.

Not a test: it prints numbers. It builds two SQLite databases in a temporary folder: the
seeded content (`manage.py migrate` and `manage.py seed`), and the same grown BENCH_SCALE
times with the test factories (at the default 50: about 3,100 companies, 4,000 programs,
1,600 highlights, 500 speakers and 300 sessions, each text in every language). It collects
the static files once, then for each database starts gunicorn with production settings (two
workers, a cache both share) twice: with the page cache off ("cold") and on ("warm").

Each server run first GETs every page once (each must answer 200; for "warm" this fills the
page cache), measures a small static file served by whitenoise through the same server (the
floor: the fastest a response can be), then each page in English and in Korean (/ko/), then
the static file again. Every measurement is `wrk -t2 -c8 -d<BENCH_SECONDS>s`, asking for
compressed answers as a browser does (`Accept-Encoding: gzip, deflate, br`), with a 30 s
timeout (gunicorn's, so a slow page is measured rather than counted as an error). It prints
req/s, p50 and p99 latency and each page's ratio to the static file's mean req/s, checks them
against the targets (warm: ratio >= 0.9; cold at BENCH_SCALE: ratio >= 0.25 and p99 < 50 ms),
and writes everything to bench/results/pages.json. Missed targets do not fail it (it exits 0
and its last line counts them); a page that does not answer 200 does. Other work on the
machine skews every number: each run prints the load average it started at.

    make bench                                        # this, then bench/registration.py
    BENCH_SECONDS=2 .venv/bin/python bench/pages.py   # quicker
    BENCH_SCALE=10 BENCH_CACHE_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/pages.py

BENCH_SECONDS: each wrk run (default 3). BENCH_SCALE: the grown data set (default 50).
BENCH_CACHE_URL: the cache the servers share (default a file cache in the temporary folder);
it is cleared before each server run. At the defaults it takes about 6 minutes on two cores.
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))  # the project's test helpers, after this folder
from tests.servers import free_port, wait_for_port  # noqa: E402

PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", 3))
SCALE = int(os.environ.get("BENCH_SCALE", 50))
WORKERS = 2
# wrk's own timeout (2 s) would count a slow page's answers as errors and leave them out of
# the latencies; gunicorn's (30 s) is the one a visitor meets.
# As a browser asks: compressed if the server has it (WhiteNoise has .br files of static
# files; the page cache keeps brotli bodies of pages), for the floor and the pages alike.
ACCEPT_ENCODING = "gzip, deflate, br"
WRK = [
    *("wrk", "-t2", "-c8", f"-d{SECONDS}s", "--timeout", "30s", "--latency"),
    *("-H", f"Accept-Encoding: {ACCEPT_ENCODING}"),
]
RESULTS = ROOT / "bench" / "results" / "pages.json"
STATIC_FILE = "js/theme.js"

WARM_MIN_RATIO = 0.9
COLD_MIN_RATIO = 0.25
COLD_MAX_P99_MS = 50

# The pages, English first; {country} and the like come from the database. Korean pages are
# the same paths under /ko/.
PAGES = [
    "/",
    "/landscape/",
    "/landscape/{country}/",
    "/landscape/companies/",
    "/landscape/companies/{company}/",
    "/speakers/",
    "/speakers/{speaker}/",
    "/agenda/",
    "/agenda/{session}/",
    "/privacy/",
]
LANGUAGES = ["en", "ko"]


def environment(*, database_url, static_root, cache_url, page_cache=None):
    """Production settings, as bench/registration.py sets them; none of the caller's DJANGO_*
    variables (a DJANGO_DEBUG=1 in the shell) leaks in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))
    }
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_STATIC_ROOT": str(static_root),
            "DATABASE_URL": database_url,
            "CACHE_URL": cache_url,
        }
    )
    if page_cache:
        env["DJANGO_PAGE_CACHE"] = page_cache
    return env


def run(command, env):
    """Run a command in the project; on failure show its output and stop."""
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True)
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"{' '.join(map(str, command))} exited with {result.returncode}")
    return result.stdout


def manage(env, *args):
    return run([PYTHON, "manage.py", *args], env)


def this_script(env, *args):
    """This file in a fresh interpreter (Django is configured once per process), for the
    steps that run inside the project: growing the data, reading the slugs."""
    return run([PYTHON, __file__, *args], env)


# Building the data ---------------------------------------------------------------------------

# Generated text in every language the site offers, so Korean pages render Korean content
# as they would once organizers translate everything. A list gives variety: item n % len.
PHRASES = {
    "company": {
        "en": "Company {n} develops cell and gene therapies from its research centre and GMP "
        "plant, with partners across East Asia. Its platform covers autologous and "
        "allogeneic products, and it offers process development to other developers.",
        "ko": "컴퍼니 {n}은(는) 연구소와 GMP 공장을 바탕으로 세포·유전자 치료제를 개발하며 "
        "동아시아 전역의 파트너와 협력합니다. 자가 및 동종 제품을 아우르는 플랫폼을 갖추고 "
        "다른 개발사에 공정 개발을 제공합니다.",
        "ja": "カンパニー{n}は研究所とGMP工場を拠点に細胞・遺伝子治療を開発し、東アジア各地の"
        "パートナーと提携しています。自家・同種の製品を扱うプラットフォームを持ち、他社に"
        "プロセス開発を提供しています。",
        "zh-hans": "公司{n}依托研发中心和GMP工厂开发细胞与基因治疗产品，并与东亚各地伙伴合作。"
        "其平台涵盖自体和异体产品，并为其他开发商提供工艺开发服务。",
        "zh-hant": "公司{n}依託研發中心與GMP工廠開發細胞與基因治療產品，並與東亞各地夥伴合作。"
        "其平台涵蓋自體與異體產品，並為其他開發商提供製程開發服務。",
    },
    "headquarters": {
        "en": ["Switzerland", "United States", "Germany"],
        "ko": ["스위스", "미국", "독일"],
        "ja": ["スイス", "アメリカ", "ドイツ"],
        "zh-hans": ["瑞士", "美国", "德国"],
        "zh-hant": ["瑞士", "美國", "德國"],
    },
    "indication": {
        "en": [
            "Relapsed or refractory B-cell lymphoma",
            "Multiple myeloma",
            "Knee osteoarthritis",
            "Spinal muscular atrophy",
        ],
        "ko": ["재발성·불응성 B세포 림프종", "다발골수종", "무릎 골관절염", "척수성 근위축증"],
        "ja": ["再発・難治性B細胞リンパ腫", "多発性骨髄腫", "変形性膝関節症", "脊髄性筋萎縮症"],
        "zh-hans": ["复发或难治性B细胞淋巴瘤", "多发性骨髓瘤", "膝骨关节炎", "脊髓性肌萎缩症"],
        "zh-hant": ["復發或難治性B細胞淋巴瘤", "多發性骨髓瘤", "膝骨關節炎", "脊髓性肌萎縮症"],
    },
    "status": {
        "en": "Enrolling patients; interim data expected next year.",
        "ko": "환자를 모집 중이며 내년에 중간 결과가 나올 예정입니다.",
        "ja": "患者登録中で、来年に中間データが得られる見込みです。",
        "zh-hans": "正在招募患者，预计明年公布中期数据。",
        "zh-hant": "正在招募患者，預計明年公布期中數據。",
    },
    "highlight": {
        "en": "Highlight {n}: regulators cleared a further cell therapy for clinical trials, "
        "and local manufacturers expanded their GMP capacity to supply it.",
        "ko": "하이라이트 {n}: 규제 당국이 세포치료제 임상시험을 추가로 승인했고, 국내 "
        "제조사들은 이를 공급하기 위해 GMP 생산 능력을 확충했습니다.",
        "ja": "ハイライト{n}：規制当局が新たな細胞治療の臨床試験を承認し、国内の製造業者は"
        "供給のためGMP生産能力を拡大しました。",
        "zh-hans": "要点{n}：监管机构又批准了一项细胞治疗临床试验，"
        "本地生产商扩大了GMP产能以满足供应。",
        "zh-hant": "重點{n}：監管機構再核准一項細胞治療臨床試驗，本地製造商擴大GMP產能以供應所需。",
    },
    "role": {
        "en": [
            "Chief Executive Officer",
            "Chief Scientific Officer",
            "Head of Clinical Development",
            "Professor",
        ],
        "ko": ["대표이사", "최고과학책임자", "임상개발 총괄", "교수"],
        "ja": ["代表取締役社長", "最高科学責任者", "臨床開発責任者", "教授"],
        "zh-hans": ["首席执行官", "首席科学官", "临床开发负责人", "教授"],
        "zh-hant": ["執行長", "科學長", "臨床開發負責人", "教授"],
    },
    "bio": {
        "en": "Speaker {n} has led cell and gene therapy programmes from discovery to the clinic "
        "for fifteen years, in Asia and in Europe. Before joining industry they ran a "
        "translational research group at a university hospital.",
        "ko": "스피커 {n}은(는) 15년간 아시아와 유럽에서 세포·유전자 치료제 프로그램을 발굴 "
        "단계부터 임상까지 이끌어 왔습니다. 업계에 합류하기 전에는 대학병원에서 중개연구 "
        "그룹을 이끌었습니다.",
        "ja": "スピーカー{n}は15年にわたりアジアと欧州で細胞・遺伝子治療のプログラムを探索から"
        "臨床まで率いてきました。業界に移る前は大学病院でトランスレーショナル研究グループを"
        "率いていました。",
        "zh-hans": "演讲者{n}十五年来在亚洲和欧洲带领细胞与基因治疗项目从发现走向临床。"
        "进入业界前，曾在大学医院领导转化研究团队。",
        "zh-hant": "講者{n}十五年來在亞洲與歐洲帶領細胞與基因治療計畫從發現走向臨床。"
        "進入業界前，曾在大學醫院領導轉譯研究團隊。",
    },
    "title": {
        "en": [
            "Scaling CAR-T manufacturing in East Asia ({n})",
            "Regulatory pathways for regenerative medicine ({n})",
            "iPSC-derived therapies: from bench to patient ({n})",
            "Financing the next wave of gene therapy ({n})",
        ],
        "ko": [
            "동아시아 CAR-T 생산 확대 ({n})",
            "재생의료 규제 경로 ({n})",
            "iPSC 유래 치료제: 연구실에서 환자까지 ({n})",
            "차세대 유전자 치료제 투자 ({n})",
        ],
        "ja": [
            "東アジアにおけるCAR-T製造の拡大（{n}）",
            "再生医療の規制経路（{n}）",
            "iPS細胞由来治療：研究から患者へ（{n}）",
            "次世代遺伝子治療への投資（{n}）",
        ],
        "zh-hans": [
            "扩大东亚CAR-T生产规模（{n}）",
            "再生医学的监管路径（{n}）",
            "iPSC衍生疗法：从实验室到患者（{n}）",
            "为下一代基因治疗融资（{n}）",
        ],
        "zh-hant": [
            "擴大東亞CAR-T生產規模（{n}）",
            "再生醫學的監管途徑（{n}）",
            "iPSC衍生療法：從實驗室到病人（{n}）",
            "為下一代基因治療募資（{n}）",
        ],
    },
    "session": {
        "en": "Speakers compare what worked in their programmes, what regulators asked for and "
        "where the region's capacity still falls short. Questions from the floor close it.",
        "ko": "연사들이 각자의 프로그램에서 효과가 있었던 점, 규제 당국의 요구, 그리고 지역의 "
        "역량이 아직 부족한 부분을 비교합니다. 청중 질의응답으로 마무리합니다.",
        "ja": "登壇者が自らのプログラムでうまくいったこと、規制当局の要求、地域の能力がまだ"
        "足りない点を比較します。最後に会場からの質疑応答を行います。",
        "zh-hans": "演讲者将比较各自项目中的成功经验、监管机构的要求以及本地区能力尚显不足之处。"
        "最后为现场问答。",
        "zh-hant": "講者將比較各自計畫中的成功經驗、監管機構的要求，以及本區域能力仍顯不足之處。"
        "最後為現場問答。",
    },
    "room": {
        "en": "Hall {letter}",
        "ko": "{letter}홀",
        "ja": "ホール{letter}",
        "zh-hans": "{letter}厅",
        "zh-hant": "{letter}廳",
    },
}
ROOMS = "ABCDEFGHIJ"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cgt_event.settings")
    import django  # noqa: PLC0415

    django.setup()


def grow(scale):
    """Grow the seeded database (DATABASE_URL) to `scale` times the seed's companies,
    highlights and speakers, with two programs for two companies in three and 6 × scale
    sessions (the seed has none), every text in every language.

    Rows come from the test factories' build() and are written with bulk_create: one
    INSERT per row through create() would take minutes at this size. Not build_landscape()
    or build_event(): they add countries of their own and an upcoming event, which would
    become the current one and hide the seeded event. Here the new speakers and sessions
    belong to the seeded event, which stays current, and the new companies spread over the
    seeded countries (and global partners), so /landscape/south-korea/ grows too. At scale
    50 it takes about 5 seconds.
    """
    setup_django()
    from django.conf import settings  # noqa: PLC0415
    from django.db import transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415
    from modeltranslation.utils import build_localized_fieldname  # noqa: PLC0415

    from landscape.models import Company, Country, Highlight, Program  # noqa: PLC0415
    from registration.models import Event, Session, SessionSpeaker, Speaker  # noqa: PLC0415
    from tests import factories  # noqa: PLC0415

    languages = [code for code, _name in settings.LANGUAGES]

    def text(field, kind, n, **values):
        """{field: English, field_<language>: that language's text, ...} for a constructor."""
        columns = {}
        for language in languages:
            phrase = PHRASES[kind][language]
            if isinstance(phrase, list):
                phrase = phrase[n % len(phrase)]
            columns[build_localized_fieldname(field, language)] = phrase.format(n=n, **values)
        return {field: columns[build_localized_fieldname(field, "en")], **columns}

    event = Event.objects.current()
    countries = list(Country.objects.all())
    extra_companies = (scale - 1) * Company.objects.count()
    extra_highlights = (scale - 1) * Highlight.objects.count()
    extra_speakers = (scale - 1) * Speaker.objects.filter(event=event).count()
    sessions = 6 * scale
    day = timezone.localtime(event.start)
    day = factories.kst(day.year, day.month, day.day, 9)

    with transaction.atomic():
        companies = []
        for n in range(extra_companies):
            # One in ten is a global partner, based outside the four countries.
            abroad = n % 10 == 9
            companies.append(
                factories.CompanyFactory.build(
                    country=None if abroad else countries[n % len(countries)],
                    in_pipeline_list=n % 4 == 0,
                    **text("description", "company", n),
                    **(text("headquarters", "headquarters", n) if abroad else {}),
                )
            )
        Company.objects.bulk_create(companies, batch_size=500)

        modalities, phases = Program.Modality.values, Program.Phase.values
        programs = [
            factories.ProgramFactory.build(
                company=company,
                name=f"BX-{n}-{k}",
                modality=modalities[(n + k) % len(modalities)],
                phase=phases[(n + k) % len(phases)],
                order=k,
                **text("indication", "indication", n + k),
                **text("status_note", "status", n),
            )
            for n, company in enumerate(companies)
            for k in range(2 if n % 3 else 0)
        ]
        Program.objects.bulk_create(programs, batch_size=500)

        by_country = {country.pk: [] for country in countries}
        for company in companies:
            if company.country_id:
                by_country[company.country_id].append(company)
        topics = Highlight.Topic.values
        highlights = [
            factories.HighlightFactory.build(
                country=countries[n % len(countries)],
                topic=topics[n % len(topics)],
                order=1 + n // len(countries),
                **text("text", "highlight", n),
            )
            for n in range(extra_highlights)
        ]
        Highlight.objects.bulk_create(highlights, batch_size=500)
        mentions = []
        for n, highlight in enumerate(highlights):
            candidates = by_country[highlight.country_id]
            for k in range(1 + n % 2):
                company = candidates[(n * 7 + k) % len(candidates)]
                mentions.append(
                    Highlight.companies.through(highlight_id=highlight.pk, company_id=company.pk)
                )
        Highlight.companies.through.objects.bulk_create(
            mentions, batch_size=500, ignore_conflicts=True
        )

        speakers = []
        for n in range(extra_speakers):
            company = companies[(n * 7) % len(companies)]
            speakers.append(
                factories.SpeakerFactory.build(
                    event=event,
                    company=company,
                    country=company.country,
                    organization=company.name,
                    featured=n % 25 == 0,
                    order=10 + n % 100,
                    **text("role", "role", n),
                    **text("bio", "bio", n),
                )
            )
        Speaker.objects.bulk_create(speakers, batch_size=500)

        speakers = list(Speaker.objects.filter(event=event).order_by("pk"))
        kinds = Session.Kind.values
        rows = []
        for n in range(sessions):
            # Ten rooms side by side, a new slot every 20 minutes from 09:00.
            start = day + timedelta(minutes=20 * (n // len(ROOMS)))
            rows.append(
                factories.SessionFactory.build(
                    event=event,
                    kind=kinds[n % len(kinds)],
                    start=start,
                    end=start + timedelta(minutes=20),
                    **text("title", "title", n),
                    **text("description", "session", n),
                    **text("room", "room", n, letter=ROOMS[n % len(ROOMS)]),
                )
            )
        Session.objects.bulk_create(rows, batch_size=500)
        appearances = []
        for n, session in enumerate(rows):
            if session.is_break:
                continue
            panel = session.kind == Session.Kind.PANEL
            for k in range(3 if panel else 1 + n % 2):
                role = SessionSpeaker.Role.SPEAKER
                if panel:
                    role = SessionSpeaker.Role.MODERATOR if k == 0 else SessionSpeaker.Role.PANELIST
                appearances.append(
                    SessionSpeaker(
                        session=session,
                        speaker=speakers[(n * 3 + k) % len(speakers)],
                        role=role,
                        order=k,
                    )
                )
        SessionSpeaker.objects.bulk_create(appearances, batch_size=500)


def discover():
    """Print, as JSON, the rows the measured pages show and how much data there is."""
    setup_django()
    from django.db.models import Count  # noqa: PLC0415

    from landscape.models import Company, Country, Highlight, Program  # noqa: PLC0415
    from registration.models import Event, Session, Speaker  # noqa: PLC0415

    event = Event.objects.current()
    country = (
        Country.objects.filter(slug="south-korea").first()
        or Country.objects.annotate(n=Count("companies")).order_by("-n", "pk").first()
    )
    # The busiest of each: the most programs, the most sessions, the most speakers.
    company = Company.objects.annotate(n=Count("programs")).order_by("-n", "pk").first()
    speaker = (
        Speaker.objects.filter(event=event)
        .annotate(n=Count("appearances"))
        .order_by("-n", "order", "pk")
        .first()
    )
    session = (
        Session.objects.filter(event=event)
        .annotate(n=Count("appearances"))
        .order_by("-n", "start", "pk")
        .first()
    )
    print(
        json.dumps(
            {
                "slugs": {
                    "country": country.slug,
                    "company": company.slug,
                    "speaker": speaker.slug if speaker else None,
                    "session": session.pk if session else None,
                },
                "counts": {
                    "countries": Country.objects.count(),
                    "companies": Company.objects.count(),
                    "programs": Program.objects.count(),
                    "highlights": Highlight.objects.count(),
                    "speakers": Speaker.objects.filter(event=event).count(),
                    "sessions": Session.objects.filter(event=event).count(),
                },
            }
        )
    )


def copy_database(source, target):
    """A consistent copy of an SQLite database (WAL included), through SQLite's backup."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def build_datasets(workdir, static_root, cache_url):
    """[(name, database_url, info)]: the seeded database and the grown one."""
    seeded = workdir / "seed.sqlite3"
    grown = workdir / f"x{SCALE}.sqlite3"
    datasets = []
    for name, path in (("seed", seeded), (f"{SCALE}x", grown)):
        url = f"sqlite:///{path}"
        env = environment(database_url=url, static_root=static_root, cache_url=cache_url)
        started = time.perf_counter()
        if path == seeded:
            manage(env, "migrate", "--no-input")
            manage(env, "seed")
        else:
            copy_database(seeded, grown)
            this_script(env, "grow", str(SCALE))
        info = json.loads(this_script(env, "discover").strip().splitlines()[-1])
        info["build_seconds"] = round(time.perf_counter() - started, 1)
        counts = ", ".join(f"{value} {key}" for key, value in info["counts"].items())
        print(f"{name:>5}: {counts} (built in {info['build_seconds']} s)", flush=True)
        datasets.append((name, url, info))
    return datasets


# Measuring -------------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(env, port):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "cgt_event.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get(port, path, language):
    """(status, body) of one GET, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Accept-Language": language})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


LATENCY_UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}


def parse_wrk(output):
    """Requests/sec, p50 and p99 in ms, requests, non-2xx/3xx responses and socket errors
    from wrk's --latency report."""

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        value = float(match.group(1)) * LATENCY_UNITS_MS[match.group(2)]
        # An empty histogram (no answer within the run) reads 0.00us: not a latency.
        return value or None

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


def wrk(port, path, language):
    output = subprocess.run(
        [*WRK, "-H", f"Accept-Language: {language}", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def target(dataset, mode, ratio, p99_ms):
    """(the target, whether it is met), or (None, None) where the design sets none."""
    if mode == "warm":
        return f"ratio >= {WARM_MIN_RATIO}", ratio >= WARM_MIN_RATIO
    if dataset != "seed":
        return (
            f"ratio >= {COLD_MIN_RATIO}, p99 < {COLD_MAX_P99_MS} ms",
            ratio >= COLD_MIN_RATIO and p99_ms is not None and p99_ms < COLD_MAX_P99_MS,
        )
    return None, None


def measure(dataset, database_url, info, mode, *, static_root, static_path, cache_url):
    """One server run: check every page, then the static floor, the pages, the floor again."""
    page_cache = {"cold": "off", "warm": "on"}[mode]
    env = environment(
        database_url=database_url,
        static_root=static_root,
        cache_url=cache_url,
        page_cache=page_cache,
    )
    # Nothing cached by an earlier run (another database, the same paths) may answer.
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    pages, skipped = [], []
    for page in PAGES:
        slugs = info["slugs"]
        if any(slugs.get(name) is None for name in re.findall(r"{(\w+)}", page)):
            skipped.append(page)
            continue
        path = page.format(**slugs)
        for language in LANGUAGES:
            pages.append((path, language, path if language == "en" else f"/{language}{path}"))
    port = free_port()
    # The machine's load when the run starts: other work on the same cores skews every number.
    load = round(os.getloadavg()[0], 2)
    with gunicorn(env, port):
        sizes = {}
        for _path, language, url in pages:
            status, body = get(port, url, language)
            if status != 200:
                raise SystemExit(
                    f"{dataset} {mode}: GET {url} (Accept-Language: {language}) answered "
                    f"{status}, not 200:\n{body[:500].decode(errors='replace')}"
                )
            if f'<html lang="{language}"'.encode() not in body:
                raise SystemExit(f"{dataset} {mode}: {url} is not a page in {language!r}")
            sizes[url] = len(body)
        floor = [wrk(port, static_path, "en")]
        rows = []
        for path, language, url in pages:
            rows.append(
                {"page": path, "language": language, "url": url, **wrk(port, url, language)}
            )
        floor.append(wrk(port, static_path, "en"))
    static_rps = sum(each["rps"] for each in floor) / len(floor)
    for row in rows:
        row["kb"] = round(sizes[row["url"]] / 1024, 1)
        row["ratio"] = round(row["rps"] / static_rps, 3)
        row["target"], row["met"] = target(dataset, mode, row["ratio"], row["p99_ms"])
    return {
        "dataset": dataset,
        "mode": mode,
        "page_cache": page_cache,
        "load_average": load,
        "static": {"url": static_path, "start": floor[0], "end": floor[-1], "rps": static_rps},
        "skipped": skipped,
        "pages": rows,
    }


def milliseconds(value):
    return f"{value:7.2f}" if value is not None else f"{'n/a':>7}"


def print_run(result):
    static = result["static"]
    errors = sum(
        each["non_2xx"] + each["socket_errors"] for each in (static["start"], static["end"])
    )
    print(
        f"\n{result['dataset']} data, {result['mode']} (DJANGO_PAGE_CACHE={result['page_cache']})"
        f" - static {static['url']}: {static['rps']:.0f} req/s"
        f" (start {static['start']['rps']:.0f}, end {static['end']['rps']:.0f});"
        f" load {result['load_average']}" + (f"  !! {errors} errors" if errors else "")
    )
    print(
        f"  {'page':34} {'lang':4} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'KB':>6} "
        f"{'ratio':>6}  target"
    )
    for row in result["pages"]:
        if row["met"] is None:
            verdict = "-"
        else:
            verdict = ("ok  " if row["met"] else "MISS") + f" ({row['target']})"
        errors = row["non_2xx"] + row["socket_errors"]
        if errors:
            verdict += f"  !! {row['non_2xx']} non-2xx, {row['socket_errors']} socket errors"
        print(
            f"  {row['page'][:34]:34} {row['language']:4} {row['rps']:7.1f} "
            f"{milliseconds(row['p50_ms'])} {milliseconds(row['p99_ms'])} "
            f"{row['kb']:6.1f} {row['ratio']:6.3f}  {verdict}"
        )
    for page in result["skipped"]:
        print(f"  {page:34} skipped: the database has no such row")
    sys.stdout.flush()


def git_commit():
    result = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or None


def main():
    started = time.perf_counter()
    # A plain `kill` cleans up too: SystemExit unwinds through the servers' and folder's exits.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: apt-get install wrk")
    print(
        f"Pages at 1x (the seed) and {SCALE}x, gunicorn with {WORKERS} workers, "
        f"{' '.join(WRK)} per URL"
    )
    with tempfile.TemporaryDirectory(prefix="cgt-bench-pages-") as tmp:
        workdir = Path(tmp)
        static_root = workdir / "static"
        cache_url = os.environ.get("BENCH_CACHE_URL") or f"filecache://{workdir / 'cache'}"
        datasets = build_datasets(workdir, static_root, cache_url)
        env = environment(database_url=datasets[0][1], static_root=static_root, cache_url=cache_url)
        manage(env, "collectstatic", "--no-input")
        manifest = json.loads((static_root / "staticfiles.json").read_text())
        static_path = f"/static/{manifest['paths'][STATIC_FILE]}"
        results = []
        for name, database_url, info in datasets:
            for mode in ("cold", "warm"):
                result = measure(
                    name,
                    database_url,
                    info,
                    mode,
                    static_root=static_root,
                    static_path=static_path,
                    cache_url=cache_url,
                )
                print_run(result)
                results.append(result)

    checked = [
        (result, row) for result in results for row in result["pages"] if row["met"] is not None
    ]
    missed = [(result, row) for result, row in checked if not row["met"]]
    errors = sum(
        row["non_2xx"] + row["socket_errors"] for result in results for row in result["pages"]
    )
    duration = time.perf_counter() - started
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "finished": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": git_commit(),
                "seconds_per_url": SECONDS,
                "scale": SCALE,
                "wrk": " ".join(WRK),
                "gunicorn_workers": WORKERS,
                "cache": "BENCH_CACHE_URL" if os.environ.get("BENCH_CACHE_URL") else "filecache",
                "targets": {
                    "warm_min_ratio": WARM_MIN_RATIO,
                    "cold_min_ratio": COLD_MIN_RATIO,
                    "cold_max_p99_ms": COLD_MAX_P99_MS,
                },
                "datasets": {name: info for name, _url, info in datasets},
                "runs": results,
                "duration_seconds": round(duration),
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nResults in {RESULTS.relative_to(ROOT)}; {duration / 60:.1f} minutes in all.")
    by_run = {}
    for result, _row in missed:
        key = f"{result['dataset']} {result['mode']}"
        by_run[key] = by_run.get(key, 0) + 1
    print(
        f"Targets missed: {len(missed)} of {len(checked)}"
        + (" (" + ", ".join(f"{key}: {n}" for key, n in by_run.items()) + ")" if by_run else "")
        + (f"; {errors} non-2xx responses or socket errors" if errors else "")
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["grow"]:
        grow(int(sys.argv[2]))
    elif sys.argv[1:2] == ["discover"]:
        discover()
    else:
        try:
            main()
        except KeyboardInterrupt:
            # The servers and the temporary folder are gone by now (their exits ran).
            sys.exit("Interrupted.")
