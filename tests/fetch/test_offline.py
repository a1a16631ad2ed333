"""The run-level warning when no host answered at all."""

from __future__ import annotations

from citecheck.fetch.offline import offline_warning
from citecheck.models import FetchResult, Outcome

DNS = "ConnectError: name does not resolve: {host} ([Errno -2] Name or service not known)"


def _failed(host: str, outcome: Outcome = Outcome.DEAD) -> FetchResult:
    url = f"https://{host}/news/1"
    return FetchResult(url, url, outcome, None, error=DNS.format(host=host))


def _answered(host: str, status: int) -> FetchResult:
    url = f"https://{host}/news/1"
    return FetchResult(url, url, Outcome.DEAD if status == 404 else Outcome.OK, status)


def test_no_host_answering_on_several_hosts_is_suspected_to_be_the_network() -> None:
    warning = offline_warning([_failed("ria.ru"), _failed("tass.ru"), None, _failed("ria.ru")])
    assert warning is not None
    assert "2 hosts" in warning and "name does not resolve: ria.ru" in warning


def test_one_answer_or_one_host_is_an_ordinary_dead_link() -> None:
    assert offline_warning([_failed("ria.ru"), _answered("tass.ru", 404)]) is None
    assert offline_warning([_failed("ria.ru"), _answered("tass.ru", 200)]) is None
    assert offline_warning([_failed("ria.ru"), _failed("ria.ru")]) is None
    assert offline_warning([]) is None


def test_urls_our_own_guard_refused_are_not_the_network() -> None:
    refused = _failed("intranet.example", Outcome.ERROR)
    assert offline_warning([_failed("ria.ru"), refused]) is None
