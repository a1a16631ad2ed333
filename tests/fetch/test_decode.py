"""Text decoding: declared charsets checked against the bytes; Cyrillic code pages sniffed."""

from __future__ import annotations

import codecs

import pytest

from citecheck.fetch.decode import cyrillic_score, decode_body

RU = (
    "Министр иностранных дел России Сергей Лавров заявил, что делегации договорились о "
    "восстановлении нормальной работы посольств и о назначении переговорщиков. "
) * 6
UK = (
    "Україна повернула з полону вісімдесят чотири людини: серед звільнених є військові "
    "та цивільні, повідомив президент. Їхні родини отримали звістку ввечері. "
) * 6
FR = "Le ministère a déclaré mardi que les négociations reprendraient à Genève la semaine prochaine. " * 6


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def name(encoding: str) -> str:
    return codecs.lookup(encoding).name


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8"])
@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/html",
        "text/html; charset=utf-8",
        "text/html; charset=windows-1251",
        "text/html; charset=koi8-r",
        "text/html; charset=iso-8859-1",
    ],
)
def test_russian_comes_out_as_cyrillic_whatever_is_declared(encoding: str, content_type: str | None) -> None:
    html = page(RU)
    text, used = decode_body(html.encode(encoding), content_type)
    assert RU in text
    assert used == name(encoding)


def test_ukrainian_koi8u_labelled_koi8r_keeps_its_letters() -> None:
    text, used = decode_body(page(UK).encode("koi8-u"), "text/html; charset=koi8-r")
    assert UK in text and used == name("koi8-u")


def test_undeclared_ukrainian_cp1251() -> None:
    text, used = decode_body(page(UK).encode("cp1251"))
    assert UK in text and used == name("cp1251")


def test_meta_charset_is_read_when_http_says_nothing() -> None:
    html = page(RU, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    text, used = decode_body(html.encode("cp1251"), "text/html")
    assert RU in text and used == name("cp1251")


def test_meta_beats_a_wrong_http_utf8_label() -> None:
    html = page(RU, '<meta charset="koi8-r">')
    text, used = decode_body(html.encode("koi8-r"), "text/html; charset=UTF-8")
    assert RU in text and used == name("koi8-r")


def test_byte_order_marks() -> None:
    for bom_encoding in ("utf-8-sig", "utf-16"):
        text, _ = decode_body(page(RU).encode(bom_encoding), "text/html; charset=windows-1251")
        assert RU in text


def test_latin_pages_keep_their_declared_code_page() -> None:
    text, used = decode_body(page(FR).encode("cp1252"), "text/html; charset=windows-1252")
    assert FR in text and used == name("cp1252")


def test_ascii_page_keeps_the_declared_charset() -> None:
    assert decode_body(b"<p>plain</p>", "text/html; charset=windows-1251") == ("<p>plain</p>", name("cp1251"))


def test_utf8_cut_mid_character_stays_utf8() -> None:
    data = page(RU).encode("utf-8")
    cut = data[: data.index("Лавров".encode()) + 3]  # ends inside a two-byte letter
    text, used = decode_body(cut, None)
    assert used == "utf-8" and "Сергей" in text


def test_unknown_charset_label_is_ignored() -> None:
    text, used = decode_body(page(RU).encode("cp1251"), "text/html; charset=x-made-up")
    assert RU in text and used == name("cp1251")


def test_cyrillic_score_tells_right_from_wrong() -> None:
    right = RU
    wrong = RU.encode("koi8-r").decode("cp1251")
    assert cyrillic_score(right) > 0.7 > 0.5 > cyrillic_score(wrong)
    assert cyrillic_score("plain English") == 0.0
