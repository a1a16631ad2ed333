"""Scope: universal and superlative claims, vague quantities, pending statements (invented pages).

Each phenomenon pairs a claim the page backs with one it does not, so no test passes for a judge
that always says the same thing.
"""

from __future__ import annotations

import pytest

from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge
from citecheck.verify.markers import marker_hit
from citecheck.verify.qualifiers import parse_qualifiers
from citecheck.verify.retrieve import page_index
from citecheck.verify.scope import load_scope, parse_scope, pending
from citecheck.verify.text import tokenize

FILLER_RU = (
    "Погода в столице в эти дни была переменчивой, синоптики обещали дожди.\n"
    "Городские службы сообщили о ремонте нескольких улиц в центре.\n"
    "Театральный сезон открылся премьерой нового спектакля.\n"
)
FILLER_UK = (
    "Погода в столиці цими днями була мінливою, синоптики обіцяли дощі.\n"
    "Міські служби повідомили про ремонт кількох вулиць у центрі.\n"
    "Театральний сезон відкрився прем'єрою нової вистави.\n"
)
FLAGGED = (Label.PARTIAL, Label.UNSUPPORTED)


def judge(claim: str, text: str, lang: str = "ru") -> tuple[Label, dict[str, object]]:
    extraction = Extraction("https://example.org/n", "ok", text, lang=lang)
    verdict = DefaultJudge().judge_sync(claim, "", extraction)
    return verdict.label, verdict.reasons


def kinds(reasons: dict[str, object]) -> set[str]:
    clauses = reasons["clauses"]
    assert isinstance(clauses, list)
    return {c["type"] for clause in clauses for c in clause["conflicts"]}


# --- universal and superlative scope words -------------------------------------------------

UNIVERSAL_CASES = [
    # (claim, backed page sentence, page sentence without the scope, lang)
    (
        "Every soldier in the group was from the Kharkiv region.",
        "Все военные из этой группы родом из Харьковской области.",
        "Среди военных из этой группы есть уроженцы Харьковской области.",
        "ru",
    ),
    (
        "All the hospitals in Odesa lost power on Tuesday.",
        "У вівторок усі лікарні Одеси залишилися без електропостачання.",
        "У вівторок кілька лікарень Одеси залишилися без електропостачання.",
        "uk",
    ),
    (
        "Sobyanin said the metro line was the only one in Europe built in two years.",
        "Собянин заявил, что эта линия метро стала единственной в Европе, построенной за два года.",
        "Собянин заявил, что эта линия метро была построена в Европе за два года.",
        "ru",
    ),
    (
        "The tanker was the largest ever detained in the Baltic Sea, the border service said.",
        "Пограничная служба сообщила, что танкер стал крупнейшим из задержанных в Балтийском море.",
        "Пограничная служба сообщила, что танкер задержан в Балтийском море.",
        "ru",
    ),
    (
        "Grain exports through Izmail reached a record, the port authority said.",
        "Адміністрація порту повідомила, що експорт зерна через Ізмаїл досяг рекорду.",
        "Адміністрація порту повідомила, що експорт зерна через Ізмаїл зріс.",
        "uk",
    ),
    (
        "The Vologda plant was fully restored after the fire, the governor said.",
        "Губернатор сообщил, что вологодский завод полностью восстановлен после пожара.",
        "Губернатор сообщил, что вологодский завод восстанавливают после пожара.",
        "ru",
    ),
    (
        "For the first time, the Tula festival was held in winter, the organisers said.",
        "Организаторы сообщили, что фестиваль в Туле впервые прошел зимой.",
        "Организаторы сообщили, что фестиваль в Туле прошел зимой.",
        "ru",
    ),
    (
        "The city council voted unanimously to close the Tver market.",
        "Городской совет единогласно проголосовал за закрытие тверского рынка.",
        "Городской совет большинством голосов проголосовал за закрытие тверского рынка.",
        "ru",
    ),
    (
        "The number of direct flights to Hanoi has doubled to 34 a week.",
        "Число прямых рейсов в Ханой выросло вдвое, до 34 в неделю.",
        "Сейчас выполняется 34 прямых рейса в неделю в Ханой.",
        "ru",
    ),
]


@pytest.mark.parametrize(("claim", "backed", "bare", "lang"), UNIVERSAL_CASES)
def test_scope_words_need_an_equivalent_in_the_evidence(
    claim: str, backed: str, bare: str, lang: str
) -> None:
    filler = FILLER_UK if lang == "uk" else FILLER_RU
    label, _ = judge(claim, filler + backed + "\n", lang)
    assert label == Label.SUPPORTED
    label, reasons = judge(claim, filler + bare + "\n", lang)
    assert label in FLAGGED
    assert "overstated" in kinds(reasons)


def test_an_overstated_clause_beside_a_backed_one_is_partial() -> None:
    page = FILLER_UK + (
        "Наймолодшому зі звільнених 19 років.\n"
        "Серед звільнених – моряки, прикордонники та нацгвардійці з Чернігова.\n"
    )
    claim = "The youngest of those freed was 19, and every one of them came from Chernihiv."
    label, _ = judge(claim, page, "uk")
    assert label == Label.PARTIAL


def test_a_superlative_held_by_another_subject_does_not_back_the_claim() -> None:
    page = FILLER_RU + (
        "Самый высокий результат показал кандидат в Тамбове — 91%.\n"
        "В Пензе победитель набрал 78,4%, в Курске — 80,1%.\n"
    )
    label, _ = judge("The Penza winner took 78.4 per cent, the best result of the election.", page)
    assert label in FLAGGED
    label, _ = judge("The Tambov candidate took 91 per cent, the best result of the election.", page)
    assert label == Label.SUPPORTED


@pytest.mark.parametrize(
    "claim",
    [
        "The two delegations met in Minsk, three on each side.",
        "All 146 prisoners returned to Ukraine on Sunday.",
        "The talks in Minsk will resume after all, the minister said.",
        "The highest-profile talks in Minsk will resume, the minister said.",
    ],
)
def test_distributive_counted_and_idiomatic_uses_are_not_scope_claims(claim: str) -> None:
    page = FILLER_RU + (
        "Делегации встретились в Минске, по три человека с каждой стороны.\n"
        "В воскресенье 146 пленных вернулись в Украину.\n"
        "Министр сказал, что переговоры в Минске возобновятся.\n"
    )
    label, reasons = judge(claim, page)
    assert label == Label.SUPPORTED
    assert "overstated" not in kinds(reasons)


# --- vague quantities ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "fits", "misses"),
    [
        (
            "Petrov won with 58 per cent on a turnout of more than half of voters.",
            "Явка составила 54,2%.",
            "Явка составила 27,5%.",
        ),
        (
            "Most of the analysts polled expected the bank to hold its rate.",
            "Сохранения ставки ожидали 19 из 25 опрошенных аналитиков.",
            "Сохранения ставки ожидали 6 из 25 опрошенных аналитиков.",
        ),
        (
            "About a third of the city's budget goes to schools.",
            "На школы приходится 33% городского бюджета.",
            "На школы приходится 12% городского бюджета.",
        ),
        (
            "Dozens of houses were damaged in the shelling.",
            "В результате обстрела повреждены 45 домов.",
            "В результате обстрела повреждены 3 дома.",
        ),
    ],
)
def test_vague_quantities_are_compared_with_the_page_figure(claim: str, fits: str, misses: str) -> None:
    extra = "Петров набрал 58%.\n" if "Petrov" in claim else ""
    label, _ = judge(claim, FILLER_RU + extra + fits + "\n")
    assert label == Label.SUPPORTED
    label, reasons = judge(claim, FILLER_RU + extra + misses + "\n")
    assert label in FLAGGED
    assert kinds(reasons) & {"vague", "number"}


def test_a_wrong_vague_quantity_beside_a_matched_number_is_partial() -> None:
    page = FILLER_UK + "Коваленко переміг, набравши 64,3% голосів.\nЯвка виборців склала 31,2%.\n"
    claim = "Kovalenko won with about 64 per cent on a turnout of more than half of voters."
    label, reasons = judge(claim, page, "uk")
    assert label == Label.PARTIAL
    assert "vague" in kinds(reasons)


# --- pending statements against claims of a thing done ------------------------------------


@pytest.mark.parametrize(
    ("claim", "done", "pending_text", "lang"),
    [
        (
            "Orlov said the date of the Minsk conference had already been fixed.",
            "Орлов сообщил, что дата конференции в Минске уже определена: 12 мая.",
            "Орлов сообщил, что конкретной даты конференции в Минске пока нет.",
            "ru",
        ),
        (
            "Sidorenko said the tariffs for the new pipeline had been agreed.",
            "Сидоренко заявив, що тарифи для нового трубопроводу погоджено.",
            "Сидоренко заявив, що тарифи для нового трубопроводу ще належить обговорити.",
            "uk",
        ),
        (
            "The ministry said the route of the Kazan bypass had been approved.",
            "Министерство сообщило, что маршрут обхода Казани утвержден.",
            "Министерство сообщило, что маршрут обхода Казани пока не утвержден и рассматривается.",
            "ru",
        ),
        (
            "The prosecution has already filed its appeal against the verdict.",
            "Прокуратура уже обжаловала приговор.",
            "В настоящее время прокуратура готовит апелляционную жалобу на приговор.",
            "ru",
        ),
        (
            "The governor said the Tver bridge repairs had been completed.",
            "Губернатор сообщил, что ремонт тверского моста завершен.",
            "Губернатор сообщил, что ремонт тверского моста планируется завершить осенью.",
            "ru",
        ),
        (
            "Уже открыли новый терминал в Мурманске.",
            "Новый терминал в Мурманске открыли в понедельник.",
            "Новый терминал в Мурманске планируют открыть весной.",
            "ru",
        ),
        (
            "The two ministers signed an agreement on a Russian trade zone in Alexandria.",
            "Министры обсудили создание российской торговой зоны в Александрии. "
            "Соглашение было подписано в среду.",
            "Министры обсудили создание российской торговой зоны в Александрии. "
            "Соглашение одобрено, подписать его рассчитывают до конца года.",
            "ru",
        ),
        (
            "The skating federation has filed an appeal against the ban with the sports court.",
            "Президент федерации конькобежцев назвал запрет несправедливым. "
            "Федерация уже подала апелляцию в спортивный суд.",
            "Президент федерации конькобежцев назвал запрет несправедливым. "
            "По его словам, федерация намерена оспорить его в спортивном суде.",
            "ru",
        ),
    ],
)
def test_a_thing_stated_as_done_is_contradicted_by_a_pending_page(
    claim: str, done: str, pending_text: str, lang: str
) -> None:
    filler = FILLER_UK if lang == "uk" else FILLER_RU
    label, _ = judge(claim, filler + done + "\n", lang)
    assert label == Label.SUPPORTED
    label, reasons = judge(claim, filler + pending_text + "\n", lang)
    assert label in FLAGGED
    assert kinds(reasons) & {"pending", "negation"}


def test_a_hedged_claim_is_not_contradicted_by_a_pending_page() -> None:
    page = page_index(FILLER_RU + "Орлов сообщил, что дату конференции в Минске еще предстоит определить.\n")
    window = (len(page.segments) - 1,)
    hedged = tokenize("Orlov said the date of the Minsk conference may be fixed later.")
    done = tokenize("Orlov said the date of the Minsk conference had been fixed.")
    assert pending(page, hedged, window) is None
    conflict = pending(page, done, window)
    assert conflict is not None
    assert conflict.kind == "pending"


# --- the word lists ------------------------------------------------------------------------


def test_marker_forms() -> None:
    assert marker_hit("наи*", ["наибольший"], ["наибольшего"])
    assert not marker_hit("наи*", ["город"], ["города"])
    assert marker_hit("*ейш*", ["крупный"], ["крупнейших"])
    assert marker_hit("пока нет", ["дата", "пока", "нет"], ["даты", "пока", "нет"])
    assert not marker_hit("пока нет", ["пока", "дата", "нет"], ["пока", "даты", "нет"])


def test_packaged_lists_parse_and_bad_rows_are_skipped() -> None:
    data = load_scope()
    assert ("every",) in data.cues["universal"]
    assert ("more", "than", "half") in {v.words for v in data.vague}
    parsed = parse_scope("universal\tevery\tвсе\nbroken row\n", "most\tshare\t0.5\t1\nbad\n")
    assert parsed.cues == {"universal": (("every",),)}
    assert parsed.markers == {"universal": ("все",)}
    assert [(v.words, v.low, v.high) for v in parsed.vague] == [(("most",), 0.5, 1.0)]


def test_a_scope_word_in_a_sentence_holding_the_claims_year_backs_it() -> None:
    claim = "The central bank cut its key rate to 18%, the first cut since March 2023."
    backed = "Центробанк снизил ключевую ставку до 18%.\nЭто первое снижение с марта 2023 года.\n"
    bare = "Центробанк снизил ключевую ставку до 18%.\nПредыдущее снижение было в марте 2023 года.\n"
    label, _ = judge(claim, FILLER_RU + backed)
    assert label == Label.SUPPORTED
    label, reasons = judge(claim, FILLER_RU + bare)
    assert label in FLAGGED
    assert "overstated" in kinds(reasons)


# --- numbers bound to the other group's predicate ------------------------------------------


@pytest.mark.parametrize(
    ("claim", "page_text", "lang"),
    [
        (
            "Twelve of the 30 economists surveyed expected the bank to raise its rate.",
            "Двенадцать из 30 опрошенных экономистов ожидали снижения ставки, остальные прогнозировали"
            " ее повышение.",
            "ru",
        ),
        (
            "Nine of the 21 analysts expected the rate to be left unchanged.",
            "Дев'ять із 21 аналітика очікували зниження ставки, решта вважали, що її збережуть.",
            "uk",
        ),
    ],
)
def test_a_number_bound_to_the_opposite_predicate_contradicts(claim: str, page_text: str, lang: str) -> None:
    filler = FILLER_UK if lang == "uk" else FILLER_RU
    label, reasons = judge(claim, filler + page_text + "\n", lang)
    assert label in FLAGGED
    assert "binding" in kinds(reasons)
    # The same numbers with the predicate of their own part of the sentence pass.
    fixed = claim.replace("raise", "cut").replace("be left unchanged", "be cut")
    label, reasons = judge(fixed, filler + page_text + "\n", lang)
    assert label == Label.SUPPORTED
    assert "binding" not in kinds(reasons)


def test_a_weak_hedge_beside_the_done_verb_is_not_pending() -> None:
    claim = "The two sides agreed on a prisoner exchange, Ushakov said."
    agreed = "Ушаков сообщил, что стороны договорились об обмене пленными, который может состояться в мае.\n"
    label, reasons = judge(claim, FILLER_RU + agreed)
    assert label == Label.SUPPORTED
    assert "pending" not in kinds(reasons)
    hedged = "Ушаков сообщил, что обмен пленными между сторонами может состояться в мае.\n"
    label, reasons = judge(claim, FILLER_RU + hedged)
    assert label in FLAGGED
    assert "pending" in kinds(reasons)


def test_a_possible_event_does_not_back_a_fixed_one_and_a_later_plan_does_not_undo_a_done_one() -> None:
    claim = "Orlov said the venue of the Minsk summit had already been fixed."
    fixed = "Орлов сообщил, что место саммита в Минске уже определено.\n"
    possible = "Возможный саммит в Минске обсуждали лишь в общих чертах, сообщил Орлов.\n"
    assert judge(claim, FILLER_RU + fixed)[0] == Label.SUPPORTED
    label, reasons = judge(claim, FILLER_RU + possible)
    assert label in FLAGGED
    assert "pending" in kinds(reasons)
    # A plan in the next sentence is about something else: the approval stands.
    page = (
        FILLER_UK + "Верховна Рада ухвалила бюджет на 2026 рік.\nУряд планує внести зміни до нього навесні.\n"
    )
    label, reasons = judge("Parliament approved the budget for 2026.", page, "uk")
    assert label == Label.SUPPORTED
    assert "pending" not in kinds(reasons)


def test_a_vague_quantity_the_page_says_in_words_is_backed() -> None:
    page = FILLER_RU + "В большинстве регионов число магазинов сократилось, в одном из них на 4%.\n"
    claim = "The number of shops fell in most regions."
    label, reasons = judge(claim, page)
    assert label == Label.SUPPORTED, reasons
    # without the page's own vague word, the share it gives is compared
    page = FILLER_RU + "Число магазинов сократилось в 4% регионов.\n"
    label, reasons = judge(claim, page)
    assert label in FLAGGED, reasons


def test_a_comparative_with_vsego_backs_a_superlative() -> None:
    claim = "Sales of cars fell the most, by 12%."
    backed = FILLER_RU + "Сильнее всего сократились продажи автомобилей (на 12%).\n"
    plain = FILLER_RU + "Сократились продажи автомобилей (на 12%).\n"
    assert judge(claim, backed)[0] == Label.SUPPORTED
    label, reasons = judge(claim, plain)
    assert label == Label.PARTIAL
    assert "overstated" in kinds(reasons)


# --- a figure the page gives to another item of the same sentence --------------------------

FILLER_EN = (
    "The weather in the capital was changeable this week, with rain promised.\n"
    "City services reported repairs to several streets in the centre.\n"
)


@pytest.mark.parametrize(
    ("claim", "right", "page_text", "lang"),
    [
        (
            "Wheat prices rose 4.5% on Tuesday.",
            "Wheat prices rose 2.1% on Tuesday.",
            "Во вторник пшеница подорожала на 2,1%, а кукуруза выросла в цене на 4,5%.\n",
            "ru",
        ),
        (
            "Sales of electric cars fell 12% in March.",
            "Sales of electric cars fell 7% in March.",
            "Sales of electric cars fell 7% in March, while sales of diesel cars dropped 12%.\n",
            "en",
        ),
    ],
)
def test_a_figure_of_another_item_in_the_sentence_contradicts(
    claim: str, right: str, page_text: str, lang: str
) -> None:
    filler = FILLER_EN if lang == "en" else FILLER_RU
    label, reasons = judge(claim, filler + page_text, lang)
    assert label == Label.UNSUPPORTED, reasons
    assert "binding" in kinds(reasons)
    assert judge(right, filler + page_text, lang)[0] == Label.SUPPORTED


def test_two_figures_of_one_item_are_not_bound_elsewhere() -> None:
    page = FILLER_RU + "Экспорт вырос на 5% и составил 10 млрд долларов, а импорт сократился на 3%.\n"
    label, reasons = judge("Exports rose 5% to $10 billion.", page)
    assert label == Label.SUPPORTED, reasons


def test_a_thing_still_being_tried_does_not_back_one_established() -> None:
    claim = "Investigators have established who pushed Anzorov to carry out the attack."
    trying = FILLER_RU + "Следователи пытаются выяснить, кто подтолкнул Анзорова к нападению.\n"
    done = FILLER_RU + "Следователи установили, кто подтолкнул Анзорова к нападению.\n"
    label, reasons = judge(claim, trying)
    assert label in FLAGGED
    assert "pending" in kinds(reasons)
    assert judge(claim, done)[0] == Label.SUPPORTED


def test_a_schedule_borne_out_by_its_date_is_not_pending() -> None:
    page = FILLER_RU + "Дело Орлова рассматривается сейчас (следующее заседание — 29 января 2026 года).\n"
    label, reasons = judge("The next hearing in the Orlov case is scheduled for 29 January 2026.", page, "ru")
    assert label == Label.SUPPORTED, reasons
    label, _ = judge("The next hearing in the Orlov case is scheduled for 12 March 2026.", page, "ru")
    assert label in FLAGGED


def pending_then_supported(claim: str, pending_page: str, done_page: str, lang: str) -> None:
    """``claim`` is flagged as pending against one page and supported by the other."""
    label, reasons = judge(claim, pending_page, lang)
    assert label in FLAGGED and "pending" in kinds(reasons)
    assert judge(claim, done_page, lang)[0] == Label.SUPPORTED


def test_an_english_page_that_hedges_contradicts_a_claim_of_certainty() -> None:
    pending_then_supported(
        "The institute concluded that the tank had also fired its machine gun.",
        FILLER_EN + "The institute said it was likely that the tank had also fired its machine gun.\n",
        FILLER_EN + "The institute concluded that the tank had also fired its machine gun.\n",
        "en",
    )


def test_the_month_may_is_no_hedge() -> None:
    page = FILLER_EN + "The agreement was signed in Ankara on 5 May.\n"
    assert judge("The agreement was signed in Ankara.", page, "en")[0] == Label.SUPPORTED
    page = FILLER_EN + "The agreement was signed in Ankara in May.\n"
    assert judge("The agreement was signed in Ankara in May.", page, "en")[0] == Label.SUPPORTED
    page = FILLER_EN + "The agreement may be signed in Ankara in June.\n"
    assert judge("The agreement was signed in Ankara.", page, "en")[0] in FLAGGED


def test_a_hedge_on_another_verb_leaves_a_done_statement_standing() -> None:
    page = FILLER_EN + "The two sides agreed on a prisoner exchange, which may take place next week.\n"
    assert judge("The two sides agreed on a prisoner exchange.", page, "en")[0] == Label.SUPPORTED


def test_neither_backs_none_of_on_an_english_page() -> None:
    page = FILLER_EN + "Neither of the two surviving reporters remembered the machine gun fire.\n"
    assert judge("None of the surviving reporters remembered the machine gun fire.", page, "en")[0] == (
        Label.SUPPORTED
    )


def test_a_hedge_in_a_relative_clause_does_not_hedge_the_statement() -> None:
    pending_then_supported(
        "The poultry plant in Petropavlovsk, which will employ 80 people, has already opened.",
        FILLER_RU + "Строительство птицефабрики в Петропавловске запланировано на следующий год.\n",
        FILLER_RU + "Птицефабрика в Петропавловске уже открылась, на ней будут работать 80 человек.\n",
        "ru",
    )


def test_two_figures_swapped_between_their_items_contradict() -> None:
    page = (
        FILLER_RU
        + "На заседании горсовета за новый бюджет города проголосовали 41 депутат, "
        + "за отставку мэра — 29.\n"
    )
    right = "Forty-one councillors voted for the new city budget and 29 for the mayor's dismissal."
    swapped = "29 councillors voted for the new city budget and 41 for the mayor's dismissal."
    assert judge(right, page)[0] == Label.SUPPORTED
    label, reasons = judge(swapped, page)
    assert label == Label.UNSUPPORTED
    conflicts = [c for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]
    assert any("swapped" in c["claim"] for c in conflicts)


@pytest.mark.parametrize(
    ("claim", "plain", "qualified"),
    [
        (
            "Belov was sentenced to three years in prison in March.",
            "В марте Белов был приговорен к трем годам колонии общего режима.",
            "В марте Белов был приговорен к трем годам лишения свободы условно.",
        ),
        (
            "In May, Sokolova was appointed head of the regional health ministry.",
            "В мае Соколова была назначена главой регионального минздрава.",
            "В мае Соколова была назначена временно исполняющей обязанности главы регионального минздрава.",
        ),
    ],
)
def test_a_qualifier_the_claim_leaves_out_contradicts(claim: str, plain: str, qualified: str) -> None:
    assert judge(claim, FILLER_RU + plain + "\n")[0] == Label.SUPPORTED
    label, reasons = judge(claim, FILLER_RU + qualified + "\n")
    assert label == Label.UNSUPPORTED
    assert "qualifier" in kinds(reasons)
    suspended = claim.replace("in prison", "suspended").replace("appointed head", "appointed acting head")
    assert judge(suspended, FILLER_RU + qualified + "\n")[0] == Label.SUPPORTED


def test_qualifier_rows_without_three_columns_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    rows = parse_qualifiers("# comment\nprison\tусловно\tsuspended\nbroken row\n")
    assert [r.markers for r in rows] == [("условно",)]
    assert "skipped a row" in caplog.text


def test_figures_swapped_between_two_clauses_contradict() -> None:
    page = (
        FILLER_RU
        + "За год сильнее всего выросли поставки нефти (на 18,2%), угля (на 13,9%) и газа (на 4,1%).\n"
    )
    right = "Oil supplies grew the most over the year, by 18.2%. Coal supplies grew by 13.9%."
    swapped = "Oil supplies grew the most over the year, by 13.9%. Coal supplies grew by 18.2%."
    assert judge(right, page)[0] == Label.SUPPORTED
    label, reasons = judge(swapped, page)
    assert label == Label.UNSUPPORTED
    conflicts = [c for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]
    assert any("swapped" in c["claim"] for c in conflicts)


def test_a_road_code_is_no_figure_of_a_swap() -> None:
    page = (
        FILLER_RU
        + "Участок состоит из нового отрезка длиной 12 км и 11-километровой реконструированной части трассы А-107.\n"
    )
    assert (
        judge(
            "The stretch is made up of 12 km of new road and an 11 km reconstructed part of the A-107.", page
        )[0]
        == Label.SUPPORTED
    )
    label, _ = judge(
        "The stretch is made up of 11 km of new road and a 12 km reconstructed part of the A-107.", page
    )
    assert label == Label.UNSUPPORTED


def test_two_people_whose_titles_the_claim_trades_contradict() -> None:
    page = FILLER_RU + "На встрече были министр финансов Игорь Белов и министр транспорта Олег Савин.\n"
    right = "Finance minister Igor Belov and transport minister Oleg Savin attended the meeting."
    swapped = "Transport minister Igor Belov and finance minister Oleg Savin attended the meeting."
    assert judge(right, page)[0] == Label.SUPPORTED
    label, reasons = judge(swapped, page)
    assert label == Label.UNSUPPORTED
    conflicts = [c for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]
    assert any("titles swapped" in c["claim"] for c in conflicts)


def test_a_month_the_page_gives_to_another_part_of_the_sentence_contradicts() -> None:
    page = FILLER_RU + (
        "Средняя цена нефти в августе, которая учитывается при расчете налогов за сентябрь, "
        "составила $61,2 за баррель.\n"
    )
    assert judge("The average oil price in August was $61.2 a barrel.", page)[0] == Label.SUPPORTED
    label, reasons = judge("The average oil price in September was $61.2 a barrel.", page)
    assert label == Label.UNSUPPORTED
    assert "binding" in kinds(reasons)


def test_two_names_the_claim_puts_in_each_others_place_contradict() -> None:
    page = FILLER_RU + (
        "Накануне партия «Яблоко» подписала коалиционное соглашение с партией «Рассвет». "
        "Это стало возможным после того, как в начале октября из правящей коалиции вышла партия «Прогресс».\n"
    )
    right = "Yabloko formed its new coalition with Rassvet after Progress walked out of the government in early October."
    swapped = "Yabloko formed its new coalition with Progress after Rassvet walked out of the government in early October."
    assert judge(right, page)[0] == Label.SUPPORTED
    label, reasons = judge(swapped, page)
    assert label == Label.UNSUPPORTED
    assert "binding" in kinds(reasons)


def test_figures_swapped_across_two_sentences_of_the_page_contradict() -> None:
    page = (
        FILLER_RU
        + "Суд приговорил бывшего вице-губернатора Миронова к девяти годам колонии.\nПрокуроры просили 12 лет.\n"
    )
    right = "Prosecutors had asked for 12 years, but the court gave Mironov nine."
    swapped = "Prosecutors had asked for nine years, but the court gave Mironov 12."
    assert judge(right, page)[0] == Label.SUPPORTED
    label, reasons = judge(swapped, page)
    assert label == Label.UNSUPPORTED
    assert "binding" in kinds(reasons)


def test_a_vague_quantity_said_in_another_sentence_of_the_window_is_backed() -> None:
    page = FILLER_RU + (
        "В январе Украина импортировала рекордные 1,43 млрд кубометров газа из ЕС, сообщил Нафтогаз. "
        "Большая часть газа поступила через Венгрию и Словакию.\n"
        "Атаки в январе вывели из строя около 30% добычи компании.\n"
    )
    claim = "Naftogaz said Ukraine imported a record 1.43 bcm of gas from the EU in January, most of it via Hungary and Slovakia."
    assert judge(claim, page)[0] == Label.SUPPORTED


def test_an_english_page_that_expects_a_thing_contradicts_it_as_begun() -> None:
    base = "The weather was mild this week.\nCity services repaired several streets.\n"
    begun = base + "Construction of the $1.6 billion reservoir began in 2025, the authority said.\n"
    expected = (
        base
        + "Construction of the $1.6 billion reservoir is expected to begin in 2025, the authority said.\n"
    )
    claim = "Construction of the $1.6 billion reservoir began in 2025."
    assert judge(claim, begun, "en")[0] == Label.SUPPORTED
    label, reasons = judge(claim, expected, "en")
    assert label in FLAGGED
    assert "pending" in kinds(reasons)


def test_in_all_closing_a_phrase_is_a_total() -> None:
    text = "Загалом з окупованих територій вдалося повернути близько 1 900 дітей.\n" + FILLER_UK
    _, reasons = judge("Roughly 1,900 children have been returned in all.", text, "uk")
    assert "overstated" not in kinds(reasons)
    _, reasons = judge("Children have been returned in all regions.", text, "uk")
    assert "overstated" in kinds(reasons)


def test_a_factor_in_figures_backs_doubled() -> None:
    text = "Производство бронетехники выросло в 2,2 раза, а беспилотников — в 3,5 раза.\n"
    _, reasons = judge("Output of armoured vehicles more than doubled.", text)
    assert "overstated" not in kinds(reasons)
    _, reasons = judge("Output of armoured vehicles tripled.", text)
    assert "overstated" in kinds(reasons)


def test_charges_still_to_come_are_not_charges() -> None:
    text = (
        "«Ми встановили ще двох учасників схеми і найближчим часом повідомимо їм про підозру», – сказав "
        "заступник директора НАБУ.\n" + FILLER_UK
    )
    _, reasons = judge("NABU has identified two other members of the scheme.", text, "uk")
    assert "pending" not in kinds(reasons)
    label, reasons = judge("NABU has also charged two other members of the scheme.", text, "uk")
    assert "pending" in kinds(reasons)
    assert label in FLAGGED


def test_in_all_before_and_is_a_total_and_ukrainian_all_is_universal() -> None:
    text = "Президенты сделали короткие заявления — в общей сложности около 12 минут.\n" + FILLER_RU
    _, reasons = judge("The presidents made statements lasting about 12 minutes in all and left.", text)
    assert "overstated" not in kinds(reasons)
    text = "У вівторок грози накриють всю західну територію України.\n" + FILLER_UK
    _, reasons = judge("On Tuesday thunderstorms were forecast across all of western Ukraine.", text, "uk")
    assert "overstated" not in kinds(reasons)


def test_a_proposal_that_still_needs_approval_is_not_done() -> None:
    text = (
        "Deputy Finance Minister Pavel Dronov said the ministry had proposed halving the damper payments to "
        "oil refiners starting in March. The proposal still needs government approval, he said.\n" + FILLER_EN
    )
    _, reasons = judge(
        "The finance ministry proposed halving the damper payments to oil refiners from March.", text, "en"
    )
    assert "pending" not in kinds(reasons)
    label, reasons = judge(
        "The government halved the damper payments to oil refiners from March.", text, "en"
    )
    assert "pending" in kinds(reasons)
    assert label in FLAGGED


def test_a_plan_the_claim_calls_scheduled_is_not_pending() -> None:
    page = page_index(
        FILLER_UK + "Сумарний обсяг імпорту на добу заплановано на рівні 18 тис. МВт·год.\n", "uk"
    )
    window = (len(page.segments) - 1,)
    assert pending(page, tokenize("Imports of 18,000 MWh were scheduled for the day."), window) is None
    conflict = pending(page, tokenize("Imports of 18,000 MWh were agreed for the day."), window)
    assert conflict is not None
    assert conflict.kind == "pending"


KYIVSTAR = (
    "Київстар запустив для абонентів послугу обміну текстовими повідомленнями через супутники "
    "Starlink Direct to Cell, повідомили в компанії."
)


@pytest.mark.parametrize(
    ("second", "backed"),
    [
        ("Україна стала першою країною в Європі, де мобільний оператор пропонує такий сервіс.", True),
        ("Україна стала ще однією країною в Європі, де мобільний оператор пропонує такий сервіс.", False),
    ],
)
def test_a_scope_word_is_backed_by_the_window_sentence_beside_its_words(second: str, backed: bool) -> None:
    """The window's best sentence is about the service; the next, sharing "mobile operator" and
    "Europe" with the words around "the first", says «першою»."""
    claim = (
        "Kyivstar became the first mobile operator in Europe to let subscribers send text messages "
        "via Starlink satellites."
    )
    label, reasons = judge(claim, FILLER_UK + KYIVSTAR + " " + second + "\n", "uk")
    assert (label == Label.SUPPORTED) is backed
    assert ("overstated" in kinds(reasons)) is not backed


def test_all_after_the_verb_of_a_listed_subject_claims_no_scope() -> None:
    page = "Помимо ОАЭ, в роли посредников в разное время выступали Катар, Ватикан, Турция и Саудовская Аравия.\n"
    label, _ = judge(
        "Qatar, the Vatican, Turkey and Saudi Arabia have all acted as mediators.", FILLER_RU + page
    )
    assert label == Label.SUPPORTED
    label, _ = judge("All the mediators were Gulf states such as Qatar.", FILLER_RU + page)
    assert label in FLAGGED


@pytest.mark.parametrize(
    ("claim", "page", "lang"),
    [
        (
            "Ukrzaliznytsia raised freight tariffs by 37% from 1 January 2026.",
            "Укрзалізниця пропонує підвищити вантажні тарифи на 37% з 1 січня 2026 року.",
            "uk",
        ),
        (
            "The American side agreed to return the six diplomatic properties.",
            "Вопрос о возвращении шести объектов дипломатической собственности остался открытым.",
            "ru",
        ),
        (
            "HPV coverage among eligible girls has already reached 80 per cent.",
            "Coverage among eligible girls stood at 68% in 2024. The government's target is to reach 80% by 2028.",
            "en",
        ),
    ],
)
def test_a_proposal_an_open_question_or_a_target_is_pending(claim: str, page: str, lang: str) -> None:
    filler = FILLER_UK if lang == "uk" else FILLER_RU
    label, reasons = judge(claim, filler + page + "\n", lang)
    assert label in FLAGGED
    assert "pending" in kinds(reasons)


def test_talks_still_going_on_are_pending_against_a_thing_already_done() -> None:
    page = FILLER_UK + (
        "Водночас на 2027 рік залишається розрив у 19 млрд доларів, і переговори з партнерами щодо його "
        "покриття {}.\n"
    )
    claim = "Next year's gap of about $19 billion had already been closed with partners."
    label, reasons = judge(claim, page.format("тривають"), "uk")
    assert label in FLAGGED
    assert "pending" in kinds(reasons)
    label, _ = judge(
        "Next year's gap of about $19 billion is being discussed with partners.",
        page.format("тривають"),
        "uk",
    )
    assert label == Label.SUPPORTED


@pytest.mark.parametrize(("earlier", "given"), [("31,9", True), ("23,9", False)])
def test_a_share_backed_by_the_ratio_of_two_figures(earlier: str, given: bool) -> None:
    """21.6 against 31.9 is "a drop of almost a third"; against 23.9 it is not."""
    from citecheck.verify.numbers import extract_quantities
    from citecheck.verify.scope import _ratio_given

    page = page_index(
        FILLER_RU
        + f"Средняя урожайность в Ростовской области составляет 21,6 центнера с гектара против {earlier} ц/га.\n"
    )
    claim = extract_quantities(f"Yields were 21.6 centners a hectare against {earlier.replace(',', '.')}.")
    (third,) = [v for v in load_scope().vague if v.words == ("a", "third")]
    assert _ratio_given(page, claim, (len(page.segments) - 1,), third) is given
    (most,) = [v for v in load_scope().vague if v.words == ("more", "than", "half")]
    assert not _ratio_given(page, claim, (len(page.segments) - 1,), most)
