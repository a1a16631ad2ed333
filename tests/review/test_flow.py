"""The review loop end to end through the real CLI, on the example's fixture webs.

check (site/) -> recheck (later/: one page gone, one edited) -> report -> review --dismiss ->
recheck (unchanged: the dismissal holds) -> recheck (the page edited again: it lapses).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from citecheck import report
from citecheck.cli import main
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "istanbul"
TASS = "https://tass.ru/politika/example-24100001"
RBC = "https://www.rbc.ru/rbcfreenews/example683d0001"
# The RBC page's new body: a whole other story (long enough to be read as an article).
WEATHER = (
    "<p>В Москве ожидается до 35 градусов тепла, сообщили синоптики Гидрометцентра.</p>\n"
    "<p>Жара продержится до конца недели, после чего в столицу придут грозы и похолодание.</p>\n"
    "<p>Врачи советуют пить больше воды и не выходить на солнце в середине дня.</p>\n</div>\n"
)
STRANA = "https://ctrana.one/news/example-485900-proekt-memoranduma.html"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _report(*args: str) -> tuple[int, dict[str, Any]]:
    result = _run("report", "--db", "c.db", "--format", "json", *args)
    return result.exit_code, json.loads(result.output)


def _citations(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's citations by URL (the first of each URL, i.e. the one needing a look first)."""
    found: dict[str, dict[str, Any]] = {}
    for article in data["articles"]:
        for c in article["citations"]:
            found.setdefault(c["url"], c)
    return found


def _edited_web(tmp_path: Path) -> Path:
    """A copy of later/ where the RBC page now tells another story and Strana's gained a line."""
    web = tmp_path / "edited"
    shutil.copytree(EXAMPLE / "later", web)
    rbc = web / "pages" / "rbc-memorandum.html"
    html = rbc.read_text(encoding="utf-8")
    body = re.compile(r"<p>Российский меморандум.*?(?=<div class=\"article__tags\">)", re.S)
    assert body.search(html)
    rbc.write_text(
        body.sub(WEATHER, html),
        encoding="utf-8",
    )
    strana = web / "pages" / "strana-draft.html"
    html = strana.read_text(encoding="utf-8")
    strana.write_text(
        html.replace("</p>", " Текст документа был дополнен после публикации.</p>", 1), encoding="utf-8"
    )
    return web


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """A store after `check` on site/ and `recheck` on later/."""
    common = ["--db", "c.db", "--archive", "archive", "--no-wayback"]
    first = _run("check", str(EXAMPLE / "article.txt"), "--evalset", str(EXAMPLE / "site"), *common)
    assert first.exit_code in (0, 1), first.output
    dry = _run("recheck", "--due", "--dry-run", "--db", "c.db")
    assert dry.output.endswith("0 citation(s) over 0 URL(s) would be rechecked\n")  # all checked just now
    again = _run("recheck", "--evalset", str(EXAMPLE / "later"), *common)
    assert again.exit_code == 1, again.output  # new problems
    assert "5 citation(s) rechecked over 4 URL(s)" in again.output
    return tmp_path


def test_link_rot_and_drift_are_new_problems(checked: Path) -> None:
    code, data = _report("--only-problems")
    assert code == 1
    jsonschema.validate(data, report.REPORT_SCHEMA)
    cites = _citations(data)
    dead = cites[TASS]
    assert (dead["outcome"], dead["link_status"], dead["needs_look"], dead["new"]) == (
        "dead",
        "first-failure",
        True,
        True,
    )
    assert dead["basis"] == "local-archive"  # the claim is still judged, on the archived copy
    assert dead["warc"] and Path(dead["warc"]["path"]).is_file()
    changed = _citations(_report()[1])[RBC]  # a problem or not, its page change is recorded
    assert changed["drift"]["kind"] == "changed" and changed["drift"]["current"]
    assert "-Российский меморандум" in changed["drift"]["diff"]
    assert "+Российский меморандум" in changed["drift"]["diff"]
    assert changed["previous_verdict"] is not None
    # Newest problem first: the link that died in this recheck leads the article.
    assert data["articles"][0]["citations"][0]["url"] == TASS


def test_a_page_that_no_longer_supports_its_claim_is_a_new_problem(checked: Path, tmp_path: Path) -> None:
    common = ["--db", "c.db", "--archive", "archive", "--no-wayback"]
    result = _run("recheck", "--evalset", str(_edited_web(tmp_path)), *common)
    assert result.exit_code == 1 and "page changed, NEW PROBLEM" in result.output
    rbc = _citations(_report("--only-problems")[1])[RBC]
    assert rbc["verdict"] in ("unsupported", "partial") and rbc["new"] and rbc["needs_look"]
    assert rbc["drift"]["kind"] == "changed" and "+В Москве ожидается" in rbc["drift"]["diff"]


def test_reports_in_every_format(checked: Path) -> None:
    html = _run("report", "--db", "c.db", "--format", "html", "-o", "r.html")
    assert html.exit_code == 1 and html.output == ""
    page = (checked / "r.html").read_text(encoding="utf-8")
    assert "What changed" in page and "двух разделов" in page and "live page dead (first-failure)" in page
    text = _run("report", "--db", "c.db").output
    assert "changed: page changed since" in text and "-Российский меморандум" in text
    assert "link: live page dead (first-failure); verdict rests on the local-archive copy" in text
    markdown = _run("report", "--db", "c.db", "--format", "markdown", "--verdict", "supported").output
    assert markdown.startswith("# citecheck report\n") and "unsupported" not in markdown.split("\n\n", 1)[1]


def test_dismissal_holds_until_the_page_changes(checked: Path, tmp_path: Path) -> None:
    strana = _citations(_report("--only-problems")[1])[STRANA]
    assert strana["needs_look"] and strana["verdict"] != "supported"  # "90 days" is not on the page
    cid = strana["id"]
    done = _run("review", str(cid), "--dismiss", "--note", "reworded", "--by", "ann", "--db", "c.db")
    assert done.output == f"citation {cid}: dismissed ({strana['verdict']}) by ann\n"
    assert STRANA not in _citations(_report("--only-problems")[1])
    everything = _citations(_report()[1])[STRANA]
    assert everything["review"]["holds"] and not everything["needs_look"]

    common = ["--db", "c.db", "--archive", "archive", "--no-wayback", "--article", "article.txt"]
    _run("recheck", "--evalset", str(EXAMPLE / "later"), *common)
    assert STRANA not in _citations(_report("--only-problems")[1])  # unchanged page: still dismissed

    _run("recheck", "--evalset", str(_edited_web(tmp_path)), *common)
    back = _citations(_report("--only-problems")[1])[STRANA]
    assert back["needs_look"] and back["new"] and back["drift"]["kind"] == "changed"
    assert back["review"]["action"] == "dismiss" and back["review"]["holds"] is False
    history = _run("review", str(cid), "--history", "--db", "c.db").output
    assert "dismiss" in history and "ann  reworded" in history
