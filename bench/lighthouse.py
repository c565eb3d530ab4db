"""Benchmark, not a test: Lighthouse's SEO score of a few public pages.

Builds a fresh SQLite database with the seed, starts `manage.py runserver` from this
checkout (or the one PROJECT names), runs Lighthouse on each page with Debian's Chromium and
prints the score and the audits that failed. Lighthouse is not a dependency of the project:
install it outside the repository once (`mkdir -p /tmp/lh && cd /tmp/lh && npm install
lighthouse`) and point LIGHTHOUSE at its binary.

    python bench/lighthouse.py                 # DEBUG on, port 8571
    python bench/lighthouse.py --production    # DEBUG off, collected static files
    PROJECT=/tmp/other-checkout python bench/lighthouse.py

Environment: LIGHTHOUSE (default /tmp/lh/node_modules/.bin/lighthouse), CHROME_PATH
(default /usr/bin/chromium), PYTHON (default this interpreter).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(os.environ.get("PROJECT", Path(__file__).resolve().parent.parent))
LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "/tmp/lh/node_modules/.bin/lighthouse")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PYTHON = os.environ.get("PYTHON", sys.executable)
PAGES = [
    "/register/",
    "/",
    "/speakers/phil-huang/",
    "/landscape/companies/stemcyte/",
    "/ko/register/",
]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server at {url} did not answer")


def audit(url, workdir):
    report = Path(workdir) / "report.json"
    subprocess.run(
        [
            LIGHTHOUSE,
            url,
            "--only-categories=seo",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        check=True,
    )
    data = json.loads(report.read_text())
    category = data["categories"]["seo"]
    failed = [
        ref["id"]
        for ref in category["auditRefs"]
        if ref["weight"] and data["audits"][ref["id"]]["score"] not in (1, None)
    ]
    return round(category["score"] * 100), failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--production", action="store_true", help="DEBUG off")
    parser.add_argument("--port", type=int, default=8571)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir}/lighthouse.sqlite3",
            "DJANGO_DEBUG": "0" if args.production else "1",
            "DJANGO_SECRET_KEY": "lighthouse",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_STATIC_ROOT": f"{workdir}/static",
        }
        manage({**env, "DJANGO_DEBUG": "1"}, "compilemessages", "-v0", "--ignore=.venv",
               "--ignore=node_modules")  # fmt: skip
        manage(env, "migrate", "-v0")
        manage(env, "seed", "-v0")
        if args.production:
            manage(env, "collectstatic", "--no-input", "-v0")
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{args.port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_for(base + "/healthz")
            print(f"{'page':40} SEO  failed audits")
            for page in args.pages:
                score, failed = audit(base + page, workdir)
                print(f"{page:40} {score:3}  {', '.join(failed) or '-'}", flush=True)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
