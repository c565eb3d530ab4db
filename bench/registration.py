"""Benchmark: concurrent registrations against gunicorn, on SQLite and on PostgreSQL.

Not a test: it prints numbers. For each database it migrates a fresh database, creates an
event with one ticket type of CAPACITY seats, starts two gunicorn servers (two workers
each) as two app servers would run behind a load balancer, one task worker
(`manage.py db_worker`, at lower CPU priority as docs/deploy.md runs it beside gunicorn)
and a real SMTP server (aiosmtpd) on loopback, and has CLIENTS threads each GET the form
and POST a registration, alternating between the servers. It prints registrations per
second, p50/p99 POST latency, errors, the final counts (which must be CAPACITY confirmed
and the rest waitlisted) and how long after the last POST the worker had delivered every
e-mail.

    make bench-registration                      # SQLite, then a throw-away PostgreSQL
    BENCH_DATABASES=sqlite make bench-registration
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", 400))
CAPACITY = int(os.environ.get("BENCH_CAPACITY", 100))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 16))
SERVERS = 2
WORKERS = 2
WORKER_ARGS = ("--interval", "0.2", "-v", "0")

SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from registration.models import Event, TicketType
start = timezone.now() + timedelta(days=30)
event = Event.objects.create(name="Bench", slug="bench", venue="V", city="C", country="K",
                             start=start, end=start + timedelta(days=1))
TicketType.objects.create(event=event, name="Bench pass", capacity={CAPACITY})
"""

COUNTS = """
from collections import Counter
from registration.models import Registration
counts = Counter(Registration.objects.values_list("status", flat=True))
print({"confirmed": counts["confirmed"], "waitlisted": counts["waitlisted"]})
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """aiosmtpd handler that counts the messages it accepts."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def environment(database_url, smtp_port):
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "REGISTRATION_RATE_LIMIT": "1000000/m",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(env, *args, stdin=None):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        text=True,
        capture_output=True,
        check=True,
    ).stdout


def register_once(port, index, latencies, errors, lock):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/register/")
        response = conn.getresponse()
        body = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        ticket = re.search(r'name="ticket_type" value="(\d+)"', body).group(1)
        form = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "given_name": "Bench",
                "family_name": str(index),
                "email": f"bench{index}@example.com",
                "organization": "Bench Bio",
                "country": "KR",
                "sector": "biotech",
                "ticket_type": ticket,
                "consent_privacy": "on",
            }
        )
        started = time.perf_counter()
        conn.request(
            "POST",
            "/register/",
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "Referer": f"http://127.0.0.1:{port}/register/",
            },
        )
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 302:
            raise RuntimeError(f"POST answered {response.status}")
        with lock:
            latencies.append(elapsed)
    except Exception as error:  # counted and reported
        with lock:
            errors.append(repr(error))


def run(name, database_url):
    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = environment(database_url, smtp.port)
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "shell", stdin=SETUP)
    ports = [free_port() for _ in range(SERVERS)]
    servers = [
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "cgt_event.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--log-level",
                "warning",
                "--no-control-socket",  # two servers on one machine would share its path
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    worker = subprocess.Popen(
        # At lower priority, as docs/deploy.md runs it beside gunicorn: requests come first.
        [*("nice", "-n", "10"), *(PYTHON, "manage.py", "db_worker", "--no-reload"), *WORKER_ARGS],
        cwd=ROOT,
        env=env,
    )
    try:
        for port in ports:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
        latencies, errors, lock = [], [], threading.Lock()
        queue = list(range(REGISTRATIONS))
        queue_lock = threading.Lock()

        def client():
            while True:
                with queue_lock:
                    if not queue:
                        return
                    index = queue.pop()
                register_once(ports[index % SERVERS], index, latencies, errors, lock)

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        last_post = time.perf_counter()
        while sink.count < len(latencies) and time.perf_counter() - last_post < 300:
            time.sleep(0.1)
        delivered_after = time.perf_counter() - last_post
    finally:
        for process in [*servers, worker]:
            process.terminate()
            process.wait()
        smtp.stop()
    counts = manage(env, "shell", stdin=COUNTS).strip().splitlines()[-1]
    latencies.sort()
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)] if latencies else float("nan")
    print(
        f"{name:10} {len(latencies) / wall:7.1f} registrations/s  "
        f"p50 {statistics.median(latencies) * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  "
        f"errors {len(errors)}  final {counts}"
    )
    print(
        f"{'':10} {sink.count} e-mails delivered by the worker, the last "
        f"{delivered_after:.1f} s after the last POST"
    )
    if errors:
        print("  first error:", errors[0])
    expected = {"confirmed": CAPACITY, "waitlisted": REGISTRATIONS - CAPACITY}
    return not errors and counts == str(expected) and sink.count == REGISTRATIONS


def postgres_url(workdir):
    """Start a throw-away PostgreSQL cluster (as the postgres user when run as root)."""
    port = free_port()
    data = workdir / "pg"
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(workdir, "postgres")
    subprocess.run(
        [*as_postgres, "initdb", "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_postgres,
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(workdir / "log"),
            "-w",
            "-o",
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c max_connections=200",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*as_postgres, "createdb", "-h", "127.0.0.1", "-p", str(port), "bench"],
        check=True,
        capture_output=True,
    )

    def stop():
        subprocess.run(
            [*as_postgres, "pg_ctl", "-D", str(data), "-m", "fast", "stop"], capture_output=True
        )

    return f"postgres://postgres@127.0.0.1:{port}/bench", stop


def main():
    wanted = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    print(
        f"{REGISTRATIONS} registrations for {CAPACITY} seats, {CLIENTS} concurrent clients, "
        f"{SERVERS} gunicorn servers x {WORKERS} workers"
    )
    with tempfile.TemporaryDirectory(prefix="cgt-bench-") as tmp:
        workdir = Path(tmp)
        ok = True
        if "sqlite" in wanted:
            ok &= run("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}")
        if "postgres" in wanted:
            url, stop = postgres_url(workdir)
            try:
                ok &= run("PostgreSQL", url)
            finally:
                stop()
    if not ok:
        sys.exit("Errors, or the final counts are not CAPACITY confirmed and the rest waitlisted.")


if __name__ == "__main__":
    main()
