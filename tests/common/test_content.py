"""per_content_version: a read kept in the process while the content version holds."""

import pytest

from common import content


@pytest.fixture
def calls():
    """A function that counts its calls, kept per content version for 60 seconds."""
    count = []

    @content.per_content_version(60)
    def read():
        count.append(1)
        return len(count)

    read.count = count
    return read


@pytest.fixture
def clock(monkeypatch):
    """time.monotonic() under the test's control."""
    now = [1000.0]
    monkeypatch.setattr(content.time, "monotonic", lambda: now[0])
    return now


def test_the_result_is_kept_while_the_version_holds(calls):
    assert [calls(), calls(), calls()] == [1, 1, 1]


def test_a_bump_retires_the_kept_result(calls):
    assert calls() == 1
    content.version.bump()
    assert [calls(), calls()] == [2, 2]


def test_another_process_bump_is_seen_once_the_version_is_re_read(calls, monkeypatch, clock):
    assert calls() == 1
    content.cache_bump(content.VERSION_KEY)  # as another process's commit does
    assert calls() == 1  # this process trusts its version for REREAD_AFTER
    clock[0] += content.REREAD_AFTER
    assert calls() == 2


def test_the_timeout_bounds_a_change_no_signal_reports(calls, clock):
    assert calls() == 1
    clock[0] += 59
    content.version.forget()  # the version is re-read, and is the same
    assert calls() == 1
    clock[0] += 1
    assert calls() == 2


def test_without_a_version_every_call_reads_afresh(calls, monkeypatch):
    monkeypatch.setattr(content.version, "current", lambda: None)  # the cache is down
    assert [calls(), calls()] == [1, 2]


def test_forget_reads_afresh_on_next_use(calls):
    assert calls() == 1
    calls.forget()
    assert [calls(), calls()] == [2, 2]
