"""The default judge on invented Russian and Ukrainian pages, one phenomenon per test.

Each test pairs a claim that should pass with one that should not, so that neither can pass
by a judge that always says the same thing.
"""

from __future__ import annotations

import pytest

from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge
from citecheck.verify.aliases import alias_keys, country_keys
from citecheck.verify.retrieve import page_index, skeleton_matches
from citecheck.verify.text import tokenize

FILLER = (
    "Погода в столице в эти дни была переменчивой, синоптики обещали дожди.\n"
    "Городские службы сообщили о ремонте нескольких улиц в центре.\n"
    "Театральный сезон открылся премьерой нового спектакля.\n"
    "Выставка современного искусства продлится до конца месяца.\n"
)


def judge(
    claim: str, text: str, lang: str = "ru", date: str | None = None
) -> tuple[Label, dict[str, object]]:
    extraction = Extraction("https://example.org/n", "ok", text, lang=lang, date=date)
    verdict = DefaultJudge().judge_sync(claim, "", extraction)
    return verdict.label, verdict.reasons


def key(word: str) -> str:
    return tokenize(word)[0].key


@pytest.mark.parametrize(
    ("english", "cyrillic"),
    [
        ("Russia", "Россия"),
        ("Russian", "российский"),
        ("Kyiv", "Киев"),
        ("Europeans", "европейский"),
        ("Germany's", "Германии"),
        ("UAE", "ОАЭ"),
        ("Chinese", "китайский"),
        ("French", "французский"),
    ],
)
def test_exonyms_and_their_adjectives_come_from_cldr(english: str, cyrillic: str) -> None:
    assert key(cyrillic) in alias_keys(english)


def test_capitals_and_institutions_have_their_cyrillic_keys() -> None:
    assert key("Украина") in country_keys("Kyiv's")
    assert key("США") in country_keys("Washington")
    assert country_keys("Shoigu") == ()
    for english, cyrillic in (
        ("Holy See", "Престол"),
        ("Pope", "Папа"),
        ("New START", "ДСНВ"),
        ("Duma", "Госдума"),
    ):
        assert key(cyrillic) in alias_keys(english), english


def test_names_without_an_exonym_get_no_alias() -> None:
    assert alias_keys("Shoigu") == ()
    assert alias_keys("Ministry") == ()


def test_vowel_shifted_names_meet_by_consonants() -> None:
    page = page_index("Трамп и Байден встретились в Женеве.\n")
    assert key("Трамп") in skeleton_matches(page, key("Trump"))
    assert skeleton_matches(page, key("Tramway")) == {}
    assert skeleton_matches(page, key("Tom")) == {}  # too short to compare


def test_country_named_by_its_adjective_on_the_page() -> None:
    text = "Российские компании увеличат поставки пшеницы в Египет на 15% в следующем году.\n" + FILLER
    label, reasons = judge("Russia will raise wheat deliveries to Egypt by 15 per cent next year.", text)
    assert label == Label.SUPPORTED
    russia = [a for a in reasons["matched"] if a["claim"] == "Russia"]  # type: ignore[union-attr]
    assert russia and russia[0]["status"] == "matched"
    label, _ = judge("Russia will raise wheat deliveries to Egypt by 25 per cent next year.", text)
    assert label == Label.UNSUPPORTED


DISPLACED = (
    "Центробанк снизил ключевую ставку до 18% годовых.\n"
    + FILLER
    + "Следующее заседание совета директоров по ставке состоится 25 июля.\n"
)


def test_date_found_only_far_from_the_other_anchors_is_not_support() -> None:
    label, reasons = judge("The central bank cut its key rate to 18 per cent on 25 July.", DISPLACED)
    assert label == Label.UNSUPPORTED
    statuses = {a["claim"]: a["status"] for a in reasons["missing"]}  # type: ignore[union-attr]
    assert statuses.get("25 July") == "displaced"
    label, _ = judge("The central bank cut its key rate to 18 per cent.", DISPLACED)
    assert label == Label.SUPPORTED


def test_date_beside_another_date_is_contradicted() -> None:
    text = "Центробанк 6 июня снизил ключевую ставку до 18% годовых.\n" + DISPLACED
    label, _ = judge("The central bank cut its key rate to 18 per cent on 25 July.", text)
    assert label == Label.UNSUPPORTED
    label, _ = judge("The central bank cut its key rate to 18 per cent on 6 June.", text)
    assert label == Label.SUPPORTED


INVESTMENTS = (
    "Птицефабрика «Адель Кус» в Петропавловске откроется весной, сообщил аким области.\n"
    + FILLER
    + "Строительство нового молочного комплекса в Кокшетау потребует 12 млрд тенге инвестиций.\n"
)


def test_figure_found_only_far_from_the_names_it_is_tied_to_is_not_support() -> None:
    claim = "The Adel Kus poultry plant in Petropavlovsk will require 12 billion tenge of investment."
    label, reasons = judge(claim, INVESTMENTS)
    assert label == Label.UNSUPPORTED
    statuses = {a["claim"]: a["status"] for a in reasons["missing"]}  # type: ignore[union-attr]
    assert statuses.get("12 billion") == "displaced"
    label, _ = judge(
        "The dairy complex in Kokshetau will require 12 billion tenge of investment.", INVESTMENTS
    )
    assert label == Label.SUPPORTED


def test_publication_date_is_not_displaced() -> None:
    text = "Центробанк снизил ключевую ставку до 18% годовых.\n" + FILLER
    label, _ = judge("The central bank cut its key rate to 18 per cent on 6 June.", text, date="2031-06-06")
    assert label == Label.SUPPORTED


SPEAKERS = (
    "Переговоры заняли почти пять часов, рассказал журналистам министр иностранных дел Игорь Волков.\n"
    + FILLER
    + "В состав делегации вошли также заместитель министра Петр Смирнов и советник Анна Ким.\n"
)


def test_statement_of_one_person_is_not_anothers() -> None:
    label, _ = judge("Smirnov said the talks had lasted almost five hours.", SPEAKERS)
    assert label != Label.SUPPORTED
    label, _ = judge("Volkov said the talks had lasted almost five hours.", SPEAKERS)
    assert label == Label.SUPPORTED


def test_speaker_named_nowhere_on_the_page_is_not_support() -> None:
    label, reasons = judge("Prime minister Baranov said the talks had lasted almost five hours.", SPEAKERS)
    assert label != Label.SUPPORTED
    assert any(a["claim"] == "Baranov" for a in reasons["missing"])  # type: ignore[union-attr]


TRANSPORT = (
    "Двое освобожденных военнослужащих из Кузбасса находятся в Белоруссии.\n"
    "Позже их доставят в Россию для лечения в госпиталях Минобороны.\n" + FILLER
)


def missing_then_supported(bad: str, name: str, good: str, page: str) -> None:
    """``bad`` is not supported and names ``name`` as missing; ``good`` is supported."""
    label, reasons = judge(bad, page)
    assert label != Label.SUPPORTED
    assert any(a["claim"] == name for a in reasons["missing"])  # type: ignore[union-attr]
    assert judge(good, page)[0] == Label.SUPPORTED


def test_one_word_place_absent_from_the_page_is_not_support() -> None:
    missing_then_supported(
        "The two soldiers from Kuzbass were flown to Novokuznetsk for treatment.",
        "Novokuznetsk",
        "The two soldiers from Kuzbass are in Belarus.",
        TRANSPORT,
    )


UKRAINIAN = (
    "Міністр заявив, що Київ не отримував від Вашингтона жодних пропозицій щодо обміну полоненими.\n" + FILLER
)


def test_affirmed_claim_against_a_negated_sentence() -> None:
    label, reasons = judge(
        "The minister said Kyiv had received proposals from Washington on a prisoner exchange.",
        UKRAINIAN,
        "uk",
    )
    assert label == Label.UNSUPPORTED
    assert reasons["negation_flip"] is True
    label, reasons = judge(
        "The minister said Kyiv had not received any proposals from Washington on a prisoner exchange.",
        UKRAINIAN,
        "uk",
    )
    assert label == Label.SUPPORTED
    assert reasons["negation_flip"] is False


def test_negated_claim_finds_its_negation_in_the_next_sentence() -> None:
    text = (
        "Глава комиссии Олег Сомов оценил представленный европейцами план урегулирования.\n"
        "«Он совершенно неприемлем, и мы его не поддержим», — сказал Сомов.\n" + FILLER
    )
    label, reasons = judge(
        "Somov said the Europeans' settlement plan was unacceptable and would not be backed.", text
    )
    assert reasons["negation_flip"] is False
    assert label == Label.SUPPORTED


def test_translated_name_of_several_words_is_not_required_verbatim() -> None:
    text = (
        "Газопровод «Северное сияние» заработает в 2031 году, сообщил глава компании Иван Орлов.\n" + FILLER
    )
    label, _ = judge("Orlov said the Northern Lights pipeline would start working in 2031.", text)
    assert label == Label.SUPPORTED
    label, reasons = judge("Orlov said the Tobolsk pipeline would start working in 2031.", text)
    assert label != Label.SUPPORTED
    assert any(a["claim"] == "Tobolsk" for a in reasons["missing"])  # type: ignore[union-attr]


def test_institution_named_with_the_may_be_translated() -> None:
    text = "В МИД республики заявили, что посольство возобновит работу 12 сентября.\n" + FILLER
    label, _ = judge("The embassy will resume work on 12 September, the Foreign Office said.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("The embassy will resume work on 12 September, Foreign Minister Pavel Gorin said.", text)
    assert label != Label.SUPPORTED


@pytest.mark.parametrize(
    ("page", "flagged"),
    [
        # the negation is in another part of the sentence (after a spliced comma, a colon)
        ("В выборах участвовали пять кандидатов, Впервые с 2007 года среди них не было женщин.", False),
        ("Суд уволил трех судей: Шейко, которая не прошла оценивание, Вовка и Мазур.", False),
        # the negation is in the part that holds the claim's words
        ("Программа выполнена не целиком: рабочий обед с участием Белоусова и Силуанова отменили.", True),
        ("В выборах не участвовали пять кандидатов, Впервые с 2007 года среди них была женщина.", True),
    ],
)
def test_a_negation_counts_only_in_the_part_holding_the_claim(page: str, flagged: bool) -> None:
    claims = {
        "пять": "Five candidates took part in the election.",
        "уволил": "The court dismissed three judges, Sheiko, Vovk and Mazur.",
        "обед": "A working lunch with Belousov and Siluanov took place.",
    }
    claim = next(c for word, c in claims.items() if word in page)
    extraction = Extraction("https://example.org/n", "ok", FILLER + page + "\n", lang="ru")
    verdict = DefaultJudge().judge_sync(claim, "", extraction)
    negation = any(c["type"] == "negation" for cl in verdict.reasons["clauses"] for c in cl["conflicts"])
    assert negation is flagged, verdict.reasons


CONTRAST = (
    FILLER
    + "Встреча делегаций пройдет в Стамбуле, а не в Женеве, сообщил Песков.\n"
    + "Компания сократит 300 сотрудников, а не 500, как сообщалось ранее.\n"
    + "Захарова подчеркнула, что Москва открыта для контактов, однако ждет «конкретных шагов, а не деклараций».\n"
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Peskov said the delegations would meet in Istanbul.", Label.SUPPORTED),
        ("Peskov said the delegations would meet in Istanbul, not Geneva.", Label.SUPPORTED),
        ("Peskov said the delegations would meet in Geneva.", Label.UNSUPPORTED),
        ("The company will cut 300 jobs.", Label.SUPPORTED),
        ("The company will cut 500 jobs.", Label.UNSUPPORTED),
        ("Zakharova said Moscow was open to contacts.", Label.SUPPORTED),
        ("Zakharova said Moscow expected concrete steps rather than declarations.", Label.SUPPORTED),
        ("Zakharova said Moscow expected concrete steps, not declarations.", Label.SUPPORTED),
        ("Zakharova said Moscow expected declarations.", Label.UNSUPPORTED),
    ],
)
def test_a_contrast_affirms_its_statement_and_denies_its_tail(claim: str, expected: Label) -> None:
    label, _ = judge(claim, CONTRAST)
    assert label == expected


def test_a_count_of_times_is_a_figure() -> None:
    page = FILLER + "Дважды в год бюджетное управление публикует прогноз состояния экономики.\n"
    assert (
        judge("The budget office publishes its economic forecast twice a year.", page)[0] == Label.SUPPORTED
    )
    label, reasons = judge("The budget office publishes its economic forecast four times a year.", page)
    assert label == Label.UNSUPPORTED
    assert [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]] == ["number"]  # type: ignore[attr-defined]


def test_the_opposite_point_of_the_compass_contradicts() -> None:
    claim = "On Monday the wind was forecast to be mainly north-westerly at 5-10 metres per second."
    page = FILLER + "В понедельник ветер преимущественно северо-западный, 5-10 м/с.\n"
    assert judge(claim, page)[0] == Label.SUPPORTED
    page = FILLER + "В понедельник ветер преимущественно юго-восточный, 5-10 м/с.\n"
    label, reasons = judge(claim, page)
    assert label == Label.UNSUPPORTED
    assert [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]] == ["antonym"]  # type: ignore[attr-defined]


FAR_SPEAKER = (
    "Владимир Путин встретился с премьер-министром Малайзии в Кремле.\n"
    + FILLER
    + FILLER
    + "Россия хотела бы восстановить прямое авиасообщение между двумя странами, сообщили в МИД.\n"
)


def test_a_person_named_only_far_from_the_statement_did_not_make_it() -> None:
    missing_then_supported(
        "Putin said Russia wanted to restore direct flights between the two countries.",
        "Putin",
        "Russia wants to restore direct flights between the two countries.",
        FAR_SPEAKER,
    )


def test_a_double_hyphen_ends_a_part_for_the_negation_check() -> None:
    page = (
        "Given that history -- and the fact that the firm has made more than 13,000 sales since 2019 --"
        " there is reason to think the story does not paint the full picture.\n"
    )
    claim = "The firm has made more than 13,000 sales since 2019."
    extraction = Extraction("https://example.org/n", "ok", page, lang="en")
    assert DefaultJudge().judge_sync(claim, "", extraction).label == Label.SUPPORTED


TAXES = (
    "Основная ставка НДС вырастет с 20 до 22% с 1 января.\n"
    + FILLER
    + "Пониженная ставка 10%, которая применяется к продуктам питания и лекарствам, сохранится.\n"
)


def test_an_included_item_the_page_gives_another_figure_contradicts() -> None:
    label, reasons = judge("All goods, including food and medicines, will be taxed at 22%.", TAXES)
    assert label == Label.UNSUPPORTED
    assert "binding" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]
    assert judge("The main VAT rate will rise to 22%.", TAXES)[0] == Label.SUPPORTED


SEARCH = (
    "Спасатели третьи сутки ищут двух байдарочников на Ладожском озере. Следов пока не найдено.\n"
    + FILLER
    + "В поисках задействованы около 60 спасателей и добровольцев, а также вертолет Ми-8.\n"
)


def test_a_denial_stated_in_another_sentence_is_no_negation_flip() -> None:
    """A window about who searched is silent on "found no trace", which another sentence denies."""
    label, reasons = judge(
        "About 60 rescuers and volunteers, supported by a Mi-8 helicopter, had found no trace of the kayakers.",
        SEARCH,
    )
    assert reasons["negation_flip"] is False
    assert label == Label.SUPPORTED
    label, reasons = judge(
        "About 60 rescuers and volunteers, supported by a Mi-8 helicopter, did not take part in the search.",
        SEARCH.replace("Следов пока не найдено.", "Поиски продолжаются."),
    )
    assert reasons["negation_flip"] is True


def test_an_outage_that_failed_for_hours_is_no_negation() -> None:
    page = (
        "Thousands of people were met with error messages after the passport website failed for about five hours.\n"
        "The Home Office blamed a fault during a planned software update.\n"
    )
    label, reasons = judge("The passport website was down for about five hours.", page, "en")
    assert reasons["negation_flip"] is False
    assert label == Label.SUPPORTED
    refused = page.replace("website failed for", "website failed to load for")
    label, reasons = judge("The passport website loaded for about five hours.", refused, "en")
    assert reasons["negation_flip"] is True


def test_au_and_eu_read_as_av_and_ev() -> None:
    text = (
        "Продажи новых легковых автомобилей в России в апреле составили 84,6 тыс. штук, "
        "следует из данных аналитического агентства «Автостат».\n" + FILLER
    )
    label, _ = judge("According to Autostat, sales of new cars in Russia in April came to 84,600.", text)
    assert label == Label.SUPPORTED
    label, reasons = judge(
        "According to Eurostat, sales of new cars in Russia in April came to 84,600.", text
    )
    assert label != Label.SUPPORTED
    assert any(
        a["type"] == "speaker" and a["status"] == "absent" for cl in reasons["clauses"] for a in cl["anchors"]
    )


def test_said_x_and_that_y_are_two_statements() -> None:
    page = (
        'A Home Office spokesperson said: "No applications have been lost as a result of the outage."\n'
        "Anyone charged twice should contact the Passport Adviceline.\n"
    )
    claim = (
        "The Home Office said no applications had been lost and that the 12,000 applicants affected "
        "would have their fees refunded."
    )
    label, reasons = judge(claim, page, "en")
    assert [c["status"] for c in reasons["clauses"]] == ["supported", "missing"]
    assert label == Label.PARTIAL


def test_words_of_a_translated_title_are_not_names() -> None:
    text = (
        "Театр «Платформа» 12 октября покажет премьеру спектакля «Страница не найдена» "
        "о цифровом одиночестве.\n" + FILLER
    )
    claim = "A theatre will premiere a play called 'Page Not Found' on 12 October."
    label, reasons = judge(claim, text)
    names = [a["claim"] for cl in reasons["clauses"] for a in cl["anchors"] if a["type"] == "name"]
    assert "Page" not in names and "Found" not in names
    assert label == Label.SUPPORTED
    label, _ = judge(claim.replace("12 October", "12 November"), text)
    assert label == Label.UNSUPPORTED


def test_a_place_whose_russian_name_is_known_and_absent_is_missing() -> None:
    text = (
        "Зеленский поблагодарил Объединенные Арабские Эмираты за посредничество в обмене пленными "
        "и пообещал, что обмены продолжатся.\n" + FILLER
    )
    label, _ = judge("Zelensky thanked Qatar for mediating the exchange of prisoners.", text)
    assert label == Label.UNSUPPORTED
    label, _ = judge("Zelensky thanked the Emirates for mediating the exchange of prisoners.", text)
    assert label == Label.SUPPORTED


def test_another_year_in_the_window_contradicts_the_claims_year() -> None:
    text = (
        "Регулятор пообещал сохранять жесткие условия, чтобы вернуть инфляцию к цели в 4% в 2026 году.\n"
        + FILLER
        + "Прогноз инфляции на конец 2025 года сохранен на уровне 7-8%.\n"
    )
    label, reasons = judge("The regulator promised to bring inflation back to its 4% target by 2025.", text)
    assert label == Label.UNSUPPORTED
    assert any(c["claim"] == "2025" for cl in reasons["clauses"] for c in cl["conflicts"])
    label, _ = judge("The regulator promised to bring inflation back to its 4% target by 2026.", text)
    assert label == Label.SUPPORTED


def test_in_the_first_place_is_no_claim_of_being_first() -> None:
    page = (
        "Big Machine said Taylor Swift could perform her old songs at the awards show.\n"
        "The label added that she had never needed its permission to do so.\n"
    )
    label, _ = judge(
        "Big Machine said Swift could perform her old songs and had never needed its permission in the first place.",
        page,
        "en",
    )
    assert label == Label.SUPPORTED
    label, _ = judge("Big Machine said Swift was the first to perform her old songs at the show.", page, "en")
    assert label == Label.PARTIAL


def test_a_name_of_common_words_translates() -> None:
    text = (
        "3 декабря парламент Молдовы окончательно одобрил законопроект о переводе Службы информации "
        "и безопасности из-под контроля президента под контроль парламента.\n" + FILLER
    )
    claim = (
        "On {} December Moldova's parliament approved a bill moving the Intelligence and Security Service "
        "from the president's control to parliament's."
    )
    label, reasons = judge(claim.format(3), text)
    assert label == Label.SUPPORTED
    names = {
        a["claim"]: a["status"] for cl in reasons["clauses"] for a in cl["anchors"] if a["type"] == "name"
    }
    assert names["Intelligence"] == "absent"  # translated, so it weighs as little as "the Black Sea"
    label, _ = judge(claim.format(4), text)
    assert label == Label.UNSUPPORTED


def test_english_ee_and_oo_meet_russian_i_and_u_in_names() -> None:
    text = (
        "В своей предвыборной программе Ли пообещал поднять индекс KOSPI до 5000 пунктов.\n"
        "Его соперник Мун заявил, что не согласен с этим планом.\n" + FILLER
    )
    label, _ = judge("Lee promised to lift the KOSPI index to 5,000 points.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("Park promised to lift the KOSPI index to 5,000 points.", text)
    assert label != Label.SUPPORTED


def test_one_unnamed_item_of_a_list_makes_a_clause_partial() -> None:
    page = (
        "The leaked draft would have required Ukraine to give up its bid to join NATO.\n"
        "It would also have made Kyiv withdraw its troops from the parts of the Donetsk region it holds.\n"
    )
    claim = "The leaked draft would have made Ukraine give up its NATO bid and pull out of both the Donetsk and {} regions."
    label, _ = judge(claim.format("Luhansk"), page, "en")
    assert label == Label.PARTIAL
    label, _ = judge("The leaked draft would have made Ukraine pull out of the Kharkiv region.", page, "en")
    assert label == Label.UNSUPPORTED


def test_a_window_figure_the_claim_itself_gives_contradicts_none_of_its_others() -> None:
    text = (
        "Стоимость проезда в метро Киева может вырасти с 8 до 15 гривен с 1 января 2026 года.\n"
        "Об этом говорится в проекте распоряжения городской администрации.\n"
        "Фактическая себестоимость одной поездки в метро составляет 24,6 гривны.\n" + FILLER
    )
    claim = "Kyiv proposed raising the metro fare from 8 to 15 hryvnias from 1 January 2026, saying a trip costs {} hryvnias."
    label, _ = judge(claim.format("24.6"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("31.2"), text)
    assert label != Label.SUPPORTED


def test_the_first_half_of_a_year_is_a_period_not_a_first() -> None:
    text = "В январе-июне 2025 года продажи новых легковых автомобилей в России снизились на 26%.\n" + FILLER
    label, _ = judge("New car sales in Russia fell 26% in the first half of 2025.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("New car sales in Russia fell 26% for the first time in 2025.", text)
    assert label == Label.PARTIAL


def test_this_year_is_the_windows_other_year() -> None:
    text = (
        "Вице-премьер Александр Новак ожидает, что добыча нефти в России в 2025 году составит около "
        "510 млн тонн.\n"
        "Погода в столице в эти дни была переменчивой.\n"
        "Годом ранее, в 2024 году, добыча была примерно такой же.\n" + FILLER
    )
    claim = "Alexander Novak expects Russia to produce about 510 million tonnes of oil {}, roughly as much as in 2024."
    label, _ = judge(claim.format("this year"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("in 2026"), text)
    assert label == Label.UNSUPPORTED


def test_not_before_is_a_bound_that_answers_unlikely_before() -> None:
    text = (
        "Національний банк України 23 жовтня зберіг облікову ставку на рівні 15,5%.\n"
        "Погода в столиці в ці дні була мінливою.\n"
        "Регулятор допускає початок циклу зниження облікової ставки не раніше другого кварталу 2026 року.\n"
        + FILLER
    )
    claim = (
        "The National Bank of Ukraine kept its key rate at 15.5% on 23 October and signalled that cuts "
        "were unlikely to begin before the second quarter of {}."
    )
    label, reasons = judge(claim.format(2026), text, "uk")
    assert len(reasons["clauses"]) == 2
    assert reasons["negation_flip"] is False
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(2028), text, "uk")
    assert label == Label.PARTIAL


def test_a_possessive_place_may_only_place_what_the_page_names() -> None:
    text = (
        "Потребление мощности в объединенной энергосистеме Юга 15 июля достигло исторического максимума "
        "21 437 МВт: температура воздуха в Краснодарском крае и Ростовской области поднималась до +42 градусов.\n"
        + FILLER
    )
    claim = (
        "Demand on {} southern power grid hit an all-time high of about 21.4 GW on 15 July, as temperatures "
        "in Krasnodar Territory and Rostov region climbed to 42C."
    )
    label, _ = judge(claim.format("Russia's"), text)
    assert label == Label.SUPPORTED
    # The place is the claim's one statement ("X, as Y" states Y as well: see the clause tests).
    qatar = claim.replace("on 15 July", "in Qatar on 15 July").format("the").split(", as ")[0] + "."
    label, _ = judge(qatar, text)
    assert label == Label.UNSUPPORTED


def test_irregular_past_forms_carry_their_direction() -> None:
    text = (
        "На внутренних линиях перевозки сократились на 3,1%, до 21,5 млн человек, а на международных "
        "выросли на 4,3%, до 4,9 млн.\n" + FILLER
    )
    label, _ = judge("International traffic grew by 4.3%, to 4.9 million passengers.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("International traffic shrank by 4.3%, to 4.9 million passengers.", text)
    assert label == Label.UNSUPPORTED
    page = (
        "It marked the sixth consecutive quarter of growth since the pandemic, during which Mexico "
        "suffered a severe drop in output.\n"
    )
    label, _ = judge(
        "Mexico's output has now grown for six consecutive quarters since the pandemic.", page, "en"
    )
    assert label == Label.SUPPORTED
    growth_only = page.split(", during")[0] + ".\n"
    label, _ = judge(
        "Mexico's output has now fallen for six consecutive quarters since the pandemic.", growth_only, "en"
    )
    assert label != Label.SUPPORTED


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Imports slipped by 6.2%, to 28.6 million tonnes.", Label.UNSUPPORTED),
        ("Imports climbed by 6.2%, to 28.6 million tonnes.", Label.SUPPORTED),
    ],
)
def test_more_verbs_of_direction(claim: str, expected: Label) -> None:
    text = "Импорт вырос на 6,2%, до 28,6 млн тонн.\n" + FILLER
    assert judge(claim, text)[0] == expected


def test_a_number_in_a_hyphenated_compound_may_be_one_word_on_the_page() -> None:
    text = "Число стобалльных результатов сократилось до 7820 против 8234 годом ранее.\n" + FILLER
    label, _ = judge("The number of perfect 100-point scores fell to 7,820 from 8,234.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("The number of perfect 100-point scores fell to 6,820 from 8,234.", text)
    assert label == Label.UNSUPPORTED


def test_a_maiden_flight_is_a_first() -> None:
    page = "Rocket Factory Augsburg hopes its RFA One rocket will make its maiden flight from SaxaVord in 2026.\n"
    claim = "Rocket Factory Augsburg hopes its RFA One rocket will make a flight from SaxaVord for the first time in 2026."
    label, _ = judge(claim, page, "en")
    assert label == Label.SUPPORTED
    label, _ = judge(claim, page.replace("maiden", "next"), "en")
    assert label == Label.PARTIAL


def test_exports_and_imports_are_opposites() -> None:
    page = FILLER + "Экспорт зерна из области за год вырос до 2,4 млн тонн.\n"
    assert judge("Grain exports from the region rose to 2.4 million tonnes.", page)[0] == Label.SUPPORTED
    label, reasons = judge("Grain imports to the region rose to 2.4 million tonnes.", page)
    assert label == Label.UNSUPPORTED
    assert "antonym" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("claim", "word"),
    [
        ("Petrov, detained in March, admitted taking 12 million roubles from a builder.", "admitted"),
        ("Petrov, detained in March, returned the 12 million roubles he took from a builder.", "returned"),
    ],
)
def test_a_claim_word_the_page_only_denies_outside_the_window_makes_it_partial(claim: str, word: str) -> None:
    told = "По данным следствия, Петров получил от строителя 12 млн рублей. Его задержали в марте.\n" + FILLER
    denied = told + "Свою вину он не признал, деньги он не вернул.\n"
    admitted = told + "Свою вину он признал, деньги он вернул.\n"
    assert judge(claim, admitted)[0] == Label.SUPPORTED
    label, reasons = judge(claim, denied)
    assert label == Label.PARTIAL
    conflicts = [c for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]
    assert [(c["type"], c["claim"]) for c in conflicts] == [("denied", word)]


EN_FILLER = (
    "The weather in the capital was changeable this week, with rain forecast.\n"
    "City services reported repairs on several streets in the centre.\n"
)


@pytest.mark.parametrize(
    ("page", "lang"),
    [
        (
            EN_FILLER + "Orlov said the permit had been issued for six months. "
            "Novak told reporters the permit was illegal.\n",
            "en",
        ),
        (
            FILLER + "Орлов заявил, что разрешение выдано на полгода. "
            "Новак же заявил журналистам, что разрешение незаконное.\n",
            "ru",
        ),
    ],
)
def test_words_quoted_from_another_speaker_beside_the_named_one_contradict(page: str, lang: str) -> None:
    assert judge("Novak said the permit was illegal.", page, lang)[0] == Label.SUPPORTED
    label, reasons = judge("Orlov confirmed that the permit was illegal.", page, lang)
    assert label == Label.UNSUPPORTED
    assert "speaker" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


def test_a_negation_in_a_coordinate_clause_does_not_flip_the_first() -> None:
    claim = "Orlov said the region had built up large grain reserves."
    page = FILLER + "Орлов заявил, что регион накопил большие запасы зерна, и засуха урожаю не угрожает.\n"
    assert judge(claim, page)[0] == Label.SUPPORTED
    page = (
        FILLER + "Орлов заявил, что регион пока не накопил больших запасов зерна, и засуха угрожает урожаю.\n"
    )
    assert judge(claim, page)[0] == Label.UNSUPPORTED


def test_a_ban_extended_is_not_a_ban_lifted() -> None:
    page = FILLER + "Временный запрет на экспорт бензина продлен до конца года.\n"
    assert judge("The temporary ban on petrol exports was extended.", page)[0] == Label.SUPPORTED
    label, reasons = judge("The temporary ban on petrol exports was lifted.", page)
    assert label == Label.UNSUPPORTED
    assert "antonym" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("claim", "region", "other"),
    [
        ("The man was seized in the Donetsk region in 2014.", "на Донеччині", "на Сумщині"),
        ("The man was seized in the Luhansk region in 2014.", "на Луганщині", "на Сумщині"),
        ("The man was seized in the Odesa region in 2014.", "на Одещині", "на Сумщині"),
    ],
)
def test_a_ukrainian_region_named_after_its_centre_matches_the_centre(
    claim: str, region: str, other: str
) -> None:
    page = "Погода цими днями була мінливою.\nЧоловіка захопили {} ще у 2014 році.\n"

    def name_status(text: str) -> str:
        reasons = judge(claim, text, "uk")[1]
        anchors = [a for cl in reasons["clauses"] for a in cl["anchors"]]  # type: ignore[attr-defined]
        return next(a["status"] for a in anchors if a["type"] == "name")

    assert name_status(page.format(region)) == "matched"
    assert name_status(page.format(other)) == "absent"


def test_a_harvest_said_to_exceed_one_the_page_calls_smaller_is_contradicted() -> None:
    claim = "This year's grain harvest exceeded the 59.8 million tonnes gathered in 2024."
    bigger = (
        FILLER + "В 2024 году собрали 59,8 млн тонн зерна, и нынешний урожай уже превысил этот уровень.\n"
    )
    smaller = (
        FILLER + "В 2024 году собрали 59,8 млн тонн зерна, и нынешний урожай, вероятно, окажется меньше.\n"
    )
    assert judge(claim, bigger)[0] == Label.SUPPORTED
    label, reasons = judge(claim, smaller)
    assert label == Label.UNSUPPORTED
    assert "antonym" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


def test_figures_a_page_takes_from_another_source_are_not_the_named_source_s() -> None:
    page = FILLER + (
        "Решение принято большинством голосов, уточнили в ИИХФ, не раскрыв итоги голосования. "
        "По данным шведской газеты Expressen, за продление выступили восемь членов совета, двое были против.\n"
    )
    assert (
        judge("According to Expressen, eight council members voted for the extension.", page)[0]
        == Label.SUPPORTED
    )
    label, reasons = judge("According to the IIHF, eight council members voted for the extension.", page)
    assert label == Label.UNSUPPORTED
    assert "speaker" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


def test_a_ruling_that_has_not_come_into_force_contradicts_one_that_has() -> None:
    claim = "The ruling has already come into force."
    assert judge(claim, FILLER + "Решение суда вступило в законную силу.\n")[0] == Label.SUPPORTED
    assert judge(claim, FILLER + "Решение суда в законную силу не вступило.\n")[0] == Label.UNSUPPORTED


def test_a_rise_against_less_than_this_year_is_contradicted() -> None:
    page = (
        FILLER + "Расходы на оборону в 2026 году составят 12,93 трлн рублей — меньше, чем в текущем году.\n"
    )
    assert judge("Defence spending will fall in 2026, to 12.93 trillion roubles.", page)[0] == Label.SUPPORTED
    assert (
        judge("Defence spending will rise in 2026, to 12.93 trillion roubles.", page)[0] == Label.UNSUPPORTED
    )


@pytest.mark.parametrize(
    ("english", "cyrillic"),
    [
        ("US", "США"),
        ("GDP", "ВВП"),
        ("IMF", "МВФ"),
        ("Russian Railways", "РЖД"),
        ("IFRS", "МСФО"),
        ("EU's", "ЕС"),
    ],
)
def test_acronyms_and_institutions_meet_their_cyrillic_names(english: str, cyrillic: str) -> None:
    assert key(cyrillic) in alias_keys(english)


def test_an_institution_named_by_its_russian_acronym_backs_the_claim() -> None:
    page = FILLER + "Совет директоров РЖД утвердил инвестпрограмму на 2026 год в размере 1,19 трлн рублей.\n"
    _, reasons = judge(
        "Russian Railways' board approved a 1.19 trillion-rouble investment programme for 2026.", page
    )
    anchors = [a for cl in reasons["clauses"] for a in cl["anchors"]]  # type: ignore[attr-defined]
    assert [a["status"] for a in anchors if a["claim"].startswith("Russian Railways")] == ["matched"]


def test_a_claim_of_no_heating_is_backed_by_bez_otopleniya() -> None:
    page = FILLER + "Мэр сообщил, что без отопления в столице остаются 1870 домов.\n"
    assert judge("The mayor said 1,870 apartment blocks had no heating.", page)[0] == Label.SUPPORTED
    page = FILLER + "Мэр сообщил, что отопление в столице подключено в 1870 домах.\n"
    assert judge("The mayor said 1,870 apartment blocks had no heating.", page)[0] == Label.UNSUPPORTED


def test_an_attributive_participle_is_not_denied_elsewhere() -> None:
    page = (
        "Минфин предложил увеличить дефицит бюджета до 3,79 трлн рублей.\n"
        + FILLER
        + "Тратить резервы на это не планируется.\n"
    )
    claim = "The Finance Ministry proposed raising the planned budget deficit to 3.79 trillion roubles."
    assert judge(claim, page)[0] == Label.SUPPORTED


def test_no_sign_of_a_thing_denies_it_on_an_english_page() -> None:
    base = "The weather was mild.\nFraport said the airport outage was caused by a faulty software update. "
    denied = base + "The airport operator has seen no indications of a cyberattack.\n"
    found = base + "The airport operator has seen clear indications of a cyberattack.\n"
    claim = "Fraport traced the airport outage to a cyberattack."
    assert judge(claim, found, "en")[0] == Label.SUPPORTED
    assert judge(claim, denied, "en")[0] == Label.UNSUPPORTED


def test_a_person_named_only_elsewhere_while_the_window_sentences_another_is_contradicted() -> None:
    page = (
        "Бывший председатель правления банка Игорь Гладилин был задержан в Ереване.\n"
        + FILLER
        + "В октябре Мещанский суд Москвы приговорил бывшего зампреда банка Ольгу Пестову к шести годам колонии.\n"
    )
    assert (
        judge("In October the Meshchansky court sentenced Pestova to six years.", page)[0] == Label.SUPPORTED
    )
    label, reasons = judge("In October the Meshchansky court sentenced Gladilin to six years.", page)
    assert label == Label.UNSUPPORTED
    assert "speaker" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


STRIKES = FILLER + (
    "За словами Корецького, з жовтня Росія завдала 14 масованих ударів по об'єктах газовидобування, "
    "через що Нафтогаз тимчасово втратив до 40% власного видобутку.\n"
)


def test_a_share_met_only_by_a_bare_number_of_another_thing() -> None:
    bad, _ = judge(
        "Koretskyi said Russian strikes since October had cut Naftogaz's gas output by 14 per cent.",
        STRIKES,
        "uk",
    )
    good, _ = judge(
        "Koretskyi said Russian strikes since October had cut Naftogaz's gas output by up to 40 per cent.",
        STRIKES,
        "uk",
    )
    assert bad == Label.UNSUPPORTED
    assert good == Label.SUPPORTED


SEATS = FILLER + (
    'По итогам голосования "Единая Россия" получила большинство в областной думе.\n'
    'Кандидаты "Единой России" также победили во всех 22 одномандатных округах.\n'
    "Всего в Думе 45 депутатских мандатов: 23 распределяются по партийным спискам, 22 - по одномандатным округам.\n"
)


def test_a_figure_standing_among_words_the_claim_does_not_use() -> None:
    bad, reasons = judge("United Russia candidates won all 45 single-member districts.", SEATS)
    good, _ = judge("United Russia candidates won all 22 single-member districts.", SEATS)
    assert bad == Label.UNSUPPORTED
    assert "binding" in str(reasons)
    assert good == Label.SUPPORTED


RATE = FILLER + (
    "Банк России по итогам заседания совета директоров в пятницу снизил ключевую ставку на 50 базисных "
    "пунктов, до 15,5% годовых, говорится в сообщении регулятора.\n"
    "Шесть экспертов прогнозировали ее сохранение на уровне 16%.\n"
)


def test_a_figure_that_continues_the_part_before_it_is_bound_to_it() -> None:
    good, _ = judge(
        "The Bank of Russia lowered its key rate by half a percentage point, to 15.5 per cent.", RATE
    )
    bad, _ = judge(
        "The Bank of Russia lowered its key rate by half a percentage point, to 14.5 per cent.", RATE
    )
    assert good == Label.SUPPORTED
    assert bad == Label.UNSUPPORTED


OUTAGE = FILLER + (
    "Після масованої атаки на енергетику у більшості регіонів 15 січня діятимуть графіки відключень.\n"
    "Енергетикам до вечора середи вдалося відновити електропостачання для 870 тисяч із 1,2 мільйона "
    "споживачів, які були знеструмлені на Харківщині.\n"
)


def test_a_claim_date_given_by_its_weekday_in_a_piece_of_that_day() -> None:
    claim = "By the evening of {} engineers had restored power to about 870,000 of the 1.2 million consumers cut off in the Kharkiv region."
    good, _ = judge(claim.format("14 January"), OUTAGE, "uk", date="2026-01-14T19:42:00+02:00")
    bad, _ = judge(claim.format("12 January"), OUTAGE, "uk", date="2026-01-14T19:42:00+02:00")
    assert good == Label.SUPPORTED
    assert bad != Label.SUPPORTED


TRADE = FILLER + (
    "Товарооборот России и Китая в январе — марте 2026 года составил $52,3 млрд, что на 6,4% меньше, "
    "чем за аналогичный период прошлого года, следует из данных Главного таможенного управления КНР.\n"
)


def test_the_end_of_a_month_range_is_no_other_month() -> None:
    claim = (
        "Russia-China trade fell 6.4% year on year to $52.3 billion in {}, according to Chinese customs data."
    )
    good, reasons = judge(claim.format("January-March"), TRADE)
    bad, _ = judge(claim.format("April-June"), TRADE)
    assert good == Label.SUPPORTED
    assert "binding" not in str(reasons)
    assert bad != Label.SUPPORTED


TRANSFORMERS = FILLER + (
    "За даними слідства, посадовець організував закупівлю силових трансформаторів для гідроелектростанцій "
    "за цінами, завищеними в середньому на 40%. Збитки, завдані «Укргідроенерго», НАБУ оцінює у 212 млн грн.\n"
)


def test_investigators_who_say_are_no_person() -> None:
    claim = "Investigators say power transformers for hydropower plants were bought at prices inflated by an average of {}%."
    good, _ = judge(claim.format(40), TRANSFORMERS, "uk")
    bad, _ = judge(claim.format(60), TRANSFORMERS, "uk")
    assert good == Label.SUPPORTED
    assert bad == Label.UNSUPPORTED


RISK = FILLER + (
    "Заступник голови Нафтогазу Дмитро Лисенко розповів про запаси газу у сховищах.\n"
    "Перші партії цим маршрутом надійшли ще в січні.\n"
    "«Головний ризик — не гроші, а безпека.\n"
    "Якщо удари по видобутку продовжаться, обсяги імпорту доведеться збільшувати», — вважає директор "
    "енергетичних програм Центру Разумкова Володимир Омельченко.\n"
)


def test_a_quotation_cut_into_sentences_names_its_speaker_where_it_closes() -> None:
    bad, reasons = judge(
        "Dmytro Lysenko warned that the main risk was security rather than money.", RISK, "uk"
    )
    good, _ = judge(
        "Volodymyr Omelchenko warned that the main risk was security rather than money.", RISK, "uk"
    )
    assert bad == Label.UNSUPPORTED
    assert "speaker" in str(reasons)
    assert good == Label.SUPPORTED


EXPORTS = FILLER + (
    "С начала сельхозсезона Россия экспортировала 33,4 млн тонн зерна, что на 8% меньше, чем за "
    "аналогичный период предыдущего сезона.\n"
)


def test_ahead_and_behind_compare_like_more_and_less() -> None:
    bad, _ = judge(
        "Russia's grain exports since the start of the season were running 8% ahead of the previous year.",
        EXPORTS,
    )
    good, _ = judge(
        "Russia's grain exports since the start of the season were running 8% behind the previous year.",
        EXPORTS,
    )
    assert bad != Label.SUPPORTED
    assert good == Label.SUPPORTED


APPOINTED = FILLER + (
    "Президент Володимир Зеленський указом призначив Оксану Мельничук головою Полтавської обласної "
    "військової адміністрації.\n"
    "З 2023 року вона працювала першою заступницею голови Полтавської ОВА.\n"
)


def test_a_first_deputy_is_a_rank_not_a_first() -> None:
    good, _ = judge(
        "Oksana Melnychuk, until then the first deputy head of the Poltava regional military administration, was appointed its head.",
        APPOINTED,
        "uk",
    )
    bad, _ = judge(
        "Oksana Melnychuk became the first woman appointed head of the Poltava regional military administration.",
        APPOINTED,
        "uk",
    )
    assert good == Label.SUPPORTED
    assert bad != Label.SUPPORTED


SPENDING = FILLER + (
    "Основная часть дополнительных средств направлена на здравоохранение - 6,2 млрд рублей.\n"
)


def test_the_main_part_is_the_largest_share() -> None:
    good, _ = judge(
        "The largest share of the extra spending, 6.2 billion roubles, went to healthcare.", SPENDING
    )
    bad, _ = judge(
        "The largest share of the extra spending, 7.2 billion roubles, went to healthcare.", SPENDING
    )
    assert good == Label.SUPPORTED
    assert bad == Label.UNSUPPORTED


RAPESEED = FILLER + (
    "Експорт ріпаку з України з вересня 2025 по лютий 2026 року скоротився на 35% порівняно з аналогічним "
    "періодом попереднього сезону — до 1,9 млн тонн.\n"
    "Експортне мито у розмірі 10% набуло чинності 4 вересня 2025 року.\n"
)


def test_a_fraction_is_a_share_on_the_page() -> None:
    claim = "Rapeseed exports fell by about {} between September and February, to 1.9 million tonnes, after a 10% export duty took effect."
    good, _ = judge(claim.format("a third"), RAPESEED, "uk")
    bad, _ = judge(claim.format("half"), RAPESEED, "uk")
    assert good == Label.SUPPORTED
    assert bad == Label.UNSUPPORTED


STORM = FILLER + (
    "В ночь на воскресенье Петербург накрыл сильный шторм: порывы ветра достигали 28 м/с.\n"
    "По данным ведомства, за ночь повалено 312 деревьев, повреждены 58 автомобилей.\n"
)


def test_a_distinctive_figure_marks_evidence_for_the_small_ones_beside_it() -> None:
    from citecheck.verify.align import align
    from citecheck.verify.claims import split_claim

    page = page_index(STORM)
    clause = split_claim("Gusts of up to 28 metres per second brought down 312 trees")[0]
    statuses = {a.claim: a.status for a in align(page, clause).anchors if a.kind == "number"}
    assert statuses["312"] == "matched"
    assert statuses["28"] != "absent"
    clause = split_claim("Gusts of up to 35 metres per second brought down 312 trees")[0]
    assert {a.claim: a.status for a in align(page, clause).anchors}["35"] in ("absent", "contradicted")


JUDGES = FILLER + ("С 2023 года ВСП смог окончательно уволить только трех из почти 50 судей ОАСК.\n")


def test_a_part_of_the_same_whole_is_one_count() -> None:
    bad, reasons = judge(
        "Since 2023 the High Council of Justice has dismissed eight of the nearly 50 judges.", JUDGES
    )
    good, _ = judge(
        "Since 2023 the High Council of Justice has dismissed three of the nearly 50 judges.", JUDGES
    )
    assert bad == Label.UNSUPPORTED
    assert "трех из почти 50" in str(reasons)
    assert good == Label.SUPPORTED


def test_a_universal_word_counts_only_the_number_right_after_it() -> None:
    from citecheck.verify.scope import _counted

    assert _counted(["146", "deputies"])
    assert _counted(["of", "the", "45", "seats"])
    assert not _counted(["freed", "on", "14"])


QUOTA = FILLER + (
    "Правительство установило квоту на экспорт зерна на период с 15 февраля по 30 июня 2026 года в объеме 20 млн тонн.\n"
    "Квота не распространяется на поставки в страны ЕАЭС.\n"
    "Экспортеры получат доли квоты пропорционально отгрузкам прошлых лет.\n"
    "Аналитики ожидают, что экспорт пшеницы в этом сезоне сократится.\n"
    "Годом ранее квота на аналогичный период составляла 10,6 млн тонн.\n"
)


def test_a_figure_from_another_paragraph_joins_a_well_located_clause() -> None:
    """Beside two matched figures or dates, a figure paragraphs away is a joined fact; beside one
    (test_date_found_only_far_from_the_other_anchors_is_not_support) it is a distractor."""
    claim = (
        "The government set a grain export quota of 20 million tonnes for 15 February to 30 June 2026, "
        "almost twice the {} million tonnes allowed a year earlier."
    )
    good, reasons = judge(claim.format("10.6"), QUOTA)
    assert good == Label.SUPPORTED
    assert "displaced" in str(reasons)  # still recorded for the reader
    bad, _ = judge(claim.format("12.6"), QUOTA)
    assert bad != Label.SUPPORTED


DRONE = FILLER + (
    "В четверг, 11 июня, украинский FPV-дрон атаковал рейсовую маршрутку в Климовском районе Брянской области.\n"
)


def test_a_weekday_that_dates_itself_is_no_dateline_day() -> None:
    claim = "On {}, an FPV drone hit a minibus in the Klimovo district."
    bad, _ = judge(claim.format("12 June"), DRONE, date="2026-06-12T10:00:00+03:00")
    good, _ = judge(claim.format("11 June"), DRONE, date="2026-06-12T10:00:00+03:00")
    assert bad == Label.UNSUPPORTED
    assert good == Label.SUPPORTED


REFINERY = FILLER + (
    "САМАРА, 14 мар — РИА Новости. Беспилотники в ночь на субботу атаковали Новокуйбышевский НПЗ, на "
    "территории предприятия возник пожар площадью около 400 квадратных метров.\n"
)


def test_one_end_of_a_date_range_accounts_for_a_window_date() -> None:
    claim = (
        "Drones set fire to about 400 square metres of the Novokuibyshevsk refinery overnight on {} March."
    )
    good, _ = judge(claim.format("13-14"), REFINERY)
    bad, _ = judge(claim.format("10-11"), REFINERY)
    assert good == Label.SUPPORTED
    assert bad == Label.UNSUPPORTED


REGISTRATION = FILLER + (
    "Избирательная комиссия Орловской области в понедельник отказала в регистрации кандидату от партии "
    '"Новые люди" Сергею Глухову.\n'
)
STAFF = FILLER + "Сім із десяти компаній в Україні відчувають нестачу працівників.\n"


def test_refusal_and_lack_answer_a_negated_claim() -> None:
    good, _ = judge("The election commission refused to register Sergei Glukhov of New People.", REGISTRATION)
    bad, _ = judge("The election commission registered Sergei Glukhov of New People.", REGISTRATION)
    assert good == Label.SUPPORTED
    assert bad == Label.UNSUPPORTED
    good, _ = judge("Seven in ten Ukrainian companies say they are short of staff.", STAFF, "uk")
    assert good == Label.SUPPORTED


TANKERS = FILLER + (
    "The Insider проанализировал историю регистрации 412 танкеров, находившихся под санкциями. "
    "Выяснилось, что 137 из них хотя бы раз сменили флаг в течение 2025 года.\n"
    "Чаще всего суда уходили под флаг Гамбии (31 танкер), Сьерра-Леоне (24) и Коморских островов (19).\n"
)


def test_a_figure_among_short_words_of_the_claim_is_home() -> None:
    claim = "An analysis by The Insider of 412 sanctioned tankers found that {} had changed flags at least once in 2025, most often to Gambia."
    good, reasons = judge(claim.format(137), TANKERS)
    assert good == Label.SUPPORTED, reasons
    bad, _ = judge(claim.format(173), TANKERS)
    assert bad == Label.UNSUPPORTED


SHOT_DOWN = FILLER + (
    "Минобороны сообщило, что за ночь сбиты 63 беспилотника. Из них 21 — над территорией Самарской области, "
    "17 — над Саратовской.\n"
)


def test_a_figure_a_list_gives_to_another_place() -> None:
    claim = "Russia's defence ministry said 63 drones had been shot down that night, {} of them over the {} region."
    bad, reasons = judge(claim.format(17, "Samara"), SHOT_DOWN)
    assert bad == Label.UNSUPPORTED
    assert "binding" in str(reasons)
    good, _ = judge(claim.format(21, "Samara"), SHOT_DOWN)
    assert good == Label.SUPPORTED
    good, _ = judge(claim.format(17, "Saratov"), SHOT_DOWN)
    assert good == Label.SUPPORTED


def test_country_names_cldr_keeps_only_as_alternates() -> None:
    assert key("Турцию") in alias_keys("Turkey")
    assert key("Мьянма") in alias_keys("Burma")
    assert key("Великобритания") in alias_keys("Britain")


PORT = FILLER + (
    "«Ключевые проекты – новый угольный терминал в бухте Суходол и расширение контейнерного терминала во "
    "Владивостоке», – заявил вице-губернатор Приморья Константин Белов.\n"
    "Отдельная тема – заходы судов, попавших под санкции.\n"
    "«Мы не можем отказать в заходе судну на основании санкций иностранных государств.\n"
    "Российское законодательство таких оснований не предусматривает», – пояснил капитан морского порта "
    "Владивосток Андрей Рыбалко.\n"
)


def test_a_speakers_title_does_not_pick_the_window() -> None:
    claim = "{}, said Russian law gave the port no grounds to turn away ships under foreign sanctions."
    bad, reasons = judge(claim.format("Primorye's vice-governor, Konstantin Belov"), PORT)
    assert bad == Label.UNSUPPORTED
    assert "speaker" in str(reasons)
    good, _ = judge(claim.format("The Vladivostok harbour master, Andrei Rybalko"), PORT)
    assert good == Label.SUPPORTED


def test_may_with_a_capital_is_a_month() -> None:
    from citecheck.verify.dates import extract_dates

    assert [d.month for d in extract_dates("a second batch was added in May")] == [5]
    assert extract_dates("prices may rise in the spring") == []
    # The short month's other cases on a page: «в мае», «к маю».
    assert [d.month for d in extract_dates("Одно дело закрыли в мае, другое — к маю")] == [5, 5]
    assert extract_dates("на маке и маме") == []


FLAGS = (
    FILLER
    + "Чаще всего суда уходили под флаг Гамбии (31 танкер), Сьерра-Леоне (24) и Коморских островов (19).\n"
)


def test_two_places_figures_traded_in_a_list() -> None:
    _, reasons = judge(
        "Most re-registered tankers went to Sierra Leone, 31 of them, followed by Gambia with 24.", FLAGS
    )
    assert "binding" in str(reasons)
    _, reasons = judge(
        "Most re-registered tankers went to Gambia, 31 of them, followed by Sierra Leone with 24.", FLAGS
    )
    assert "binding" not in str(reasons)


def test_a_capital_stands_for_its_country_where_the_page_names_no_capital() -> None:
    text = (
        "Україна не погодиться на жодну угоду, яка передбачає виведення Збройних сил з Донецької "
        "області. Про це заявив міністр закордонних справ Андрій Сибіга.\n" + FILLER
    )
    claim = "Andrii Sybiha said {} would not accept any deal requiring it to pull its forces out of the Donetsk region."
    label, _ = judge(claim.format("Kyiv"), text, "uk")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("Minsk"), text, "uk")
    assert label != Label.SUPPORTED


def test_a_capital_after_a_preposition_of_place_is_the_city() -> None:
    text = "Меморандум подписан во время визита российского президента Владимира Путина в Китай.\n" + FILLER
    label, _ = judge("The memorandum was signed during Vladimir Putin's visit to China.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("The memorandum was signed during Vladimir Putin's visit to Moscow.", text)
    assert label != Label.SUPPORTED


def test_a_year_the_dateline_gives_needs_no_repeating() -> None:
    text = "С начала года контракты подписали более 82 тысяч человек, сказал Медведев.\n" + FILLER
    claim = "Medvedev said more than 82,000 people had signed military contracts in 2026."
    label, _ = judge(claim, text, date="2026-03-04")
    assert label == Label.SUPPORTED
    label, _ = judge(claim, text, date="2027-03-04")
    assert label != Label.SUPPORTED


def test_the_first_word_of_a_compound_is_not_denied_elsewhere() -> None:
    text = (
        "European Commission President Ursula von der Leyen announced an additional 500 million euros "
        "for repairs to Ukraine's energy grid.\n"
        "Strikes hit energy facilities in the Kyiv region, leaving 400,000 households without power.\n"
    )
    claim = "Ursula von der Leyen announced an extra €500 million for repairs to Ukraine's power grid."
    label, _ = judge(claim, text, "en")
    assert label == Label.SUPPORTED
    label, _ = judge("Ursula von der Leyen said Ukraine's households had power again.", text, "en")
    assert label != Label.SUPPORTED


def test_short_of_a_figure_compares_figures_and_denies_nothing() -> None:
    text = (
        "Вищий антикорупційний суд обрав запобіжний захід Ігорю Литвиненку — тримання під вартою на "
        "60 днів з альтернативою застави в розмірі 51 мільйона гривень.\n"
        "Прокурори просили суд визначити заставу в 90 мільйонів гривень.\n" + FILLER
    )
    claim = "The court set Lytvynenko's bail at {} million hryvnias, well short of the 90 million prosecutors had sought."
    label, _ = judge(claim.format(51), text, "uk")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(61), text, "uk")
    assert label != Label.SUPPORTED


def test_came_out_against_is_borne_out_by_a_refusal_to_support() -> None:
    text = (
        "Первый зампред комитета Госдумы по информполитике Антон Горелкин написал, что не "
        "поддерживает полную блокировку Telegram.\n" + FILLER
    )
    label, _ = judge("Anton Gorelkin came out against a complete block of Telegram.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("Anton Gorelkin came out in favour of a complete block of Telegram.", text)
    assert label != Label.SUPPORTED


def test_a_figure_the_page_gives_beside_another_claim_figure_is_placed_there() -> None:
    text = (
        "Дефицит федерального бюджета в первом квартале 2026 года составил 2,87 трлн рублей, или 1,2% ВВП.\n"
        + FILLER
        + "Закон о бюджете на 2026 год предусматривает дефицит на весь год в размере 3,79 трлн рублей, или "
        "1,6% ВВП. Таким образом, за первый квартал исполнено почти три четверти годового плана.\n"
    )
    claim = (
        "The first-quarter deficit was 2.87 trillion roubles, or {}% of GDP, already nearly three-quarters "
        "of the 3.79 trillion planned for the whole year."
    )

    def number_conflicts(reasons: dict[str, object]) -> list[object]:
        clauses = reasons["clauses"]
        assert isinstance(clauses, list)
        return [c for cl in clauses for c in cl["conflicts"] if c["type"] == "number"]

    # The window is the 3.79 trillion's sentence (1.6% of GDP); the 1.2% stands with the 2.87 trillion.
    _, reasons = judge(claim.format("1.2"), text)
    assert number_conflicts(reasons) == []
    _, reasons = judge(claim.format("1.4"), text)
    assert number_conflicts(reasons)


def test_a_weekday_is_read_back_from_the_dateline() -> None:
    text = (
        "МОСКВА, 6 марта. Переговоры Владимира Путина со Стивеном Уиткоффом прошли в Кремле поздно "
        "вечером в четверг.\n" + FILLER
    )
    claim = "Putin received Witkoff in the Kremlin late on Thursday, {} March."
    label, _ = judge(claim.format(5), text, date="2026-03-06")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(4), text, date="2026-03-06")
    assert label != Label.SUPPORTED


def test_figures_traded_between_a_year_and_now_are_swapped() -> None:
    text = (
        "Дистанционное электронное голосование будет доступно как минимум в 30 регионах. На выборах "
        "в Госдуму 2021 года онлайн-голосование проводилось в семи регионах.\n" + FILLER
    )
    label, _ = judge(
        "Online voting will be offered in 30 regions this time, up from seven in the 2021 Duma election.",
        text,
    )
    assert label == Label.SUPPORTED
    label, reasons = judge(
        "Online voting will be offered in only seven regions this time, down from 30 in the 2021 Duma election.",
        text,
    )
    assert label == Label.UNSUPPORTED
    assert any("swapped" in c["claim"] for cl in reasons["clauses"] for c in cl["conflicts"])


def test_a_wrong_vague_share_decides_a_clause_whose_names_match() -> None:
    text = "Почти половина победителей — 48% — впервые идет на выборы в Госдуму, сообщил Якушев.\n" + FILLER
    label, _ = judge(
        "Yakushev said that nearly half of the primary winners were running for the Duma for the first time.",
        text,
    )
    assert label == Label.SUPPORTED
    label, _ = judge(
        "Yakushev said that more than half of the primary winners were running for the Duma for the first time.",
        text,
    )
    assert label == Label.UNSUPPORTED


def test_this_year_is_the_datelines_year() -> None:
    text = (
        "Выручка «Ленты» в третьем квартале выросла на 23,1%. По словам гендиректора Владимира Сорокина, "
        "в 2026 г. компания планирует открыть не менее 300 магазинов.\n" + FILLER
    )
    claim = "Vladimir Sorokin said Lenta planned to open at least 300 stores {}."
    label, _ = judge(claim.format("next year"), text, date="2025-10-22")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("before the end of this year"), text, date="2025-10-22")
    assert label == Label.UNSUPPORTED


def test_a_title_before_a_person_does_not_stand_for_the_person() -> None:
    text = (
        "Украинскую делегацию в Стамбуле возглавил первый заместитель министра иностранных дел Сергей "
        "Кислица.\n" + FILLER
    )
    label, _ = judge("Ukraine's delegation in Istanbul was led by Foreign Minister Sergiy Kyslytsya.", text)
    assert label == Label.SUPPORTED
    label, _ = judge("Ukraine's delegation in Istanbul was led by Foreign Minister Andrii Sybiha.", text)
    assert label == Label.UNSUPPORTED


def test_more_than_a_figure_is_not_met_far_above_or_below_it() -> None:
    text = (
        "Контракти підписали понад 600 юнаків на Вінниччині та понад 11 тисяч по всій країні; кожен "
        "отримує 1 мільйон гривень.\n" + FILLER
    )
    claim = (
        "More than 600 young people in the Vinnytsia region have signed up, out of more than {} nationwide."
    )
    label, _ = judge(claim.format("10,000"), text, "uk")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("20,000"), text, "uk")
    assert label != Label.SUPPORTED


def test_a_total_over_several_places_is_not_one_places_figure() -> None:
    text = (
        "Минобороны сообщило, что за ночь средства ПВО уничтожили 47 беспилотников над территорией семи "
        "регионов, в том числе 12 — над Самарской областью, 15 — над Саратовской.\n" + FILLER
    )
    claim = "The Defence Ministry said {} drones had been shot down over the Samara region that night."
    label, _ = judge(claim.format(12), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(47), text)
    assert label == Label.UNSUPPORTED


def test_a_year_earlier_names_the_year_before() -> None:
    text = (
        "Группа ВТБ по итогам 2025 года получила 485,2 млрд рублей чистой прибыли по МСФО, что на 12% "
        "меньше, чем годом ранее (551,4 млрд рублей).\n" + FILLER
    )
    claim = "VTB's 2025 net profit came to roughly 485 billion roubles, down 12% from 551 billion in {}."
    label, _ = judge(claim.format(2024), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(2023), text)
    assert label != Label.SUPPORTED


def test_two_counts_joined_may_be_added_up() -> None:
    text = (
        "Поиски вертолета Ми-8, пропавшего 11 сентября, продолжаются третьи сутки.\n"
        "На борту находились три члена экипажа и девять пассажиров.\n" + FILLER
    )
    claim = "Rescuers were still searching for a Mi-8 helicopter carrying {} people that disappeared on 11 September."
    label, _ = judge(claim.format("twelve"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("fifteen"), text)
    assert label != Label.SUPPORTED


def test_a_figure_standing_with_a_name_far_away_is_a_joined_fact() -> None:
    text = (
        "A failure of the check-in systems at Frankfurt Airport forced the cancellation of 310 flights on Monday.\n"
        "Passengers queued for hours in the terminals.\n"
        "The airport said systems were restored by the evening.\n"
        "Police helped direct traffic outside the departures hall.\n"
        "Lufthansa, the airport's largest carrier, accounted for 190 of the cancelled flights.\n"
    )
    claim = "A software failure at Frankfurt Airport led to the cancellation of 310 flights, {} of them operated by {}."
    label, _ = judge(claim.format(190, "Lufthansa"), text, "en")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(190, "Condor"), text, "en")
    assert label != Label.SUPPORTED


def test_exempt_is_borne_out_by_does_not_apply() -> None:
    text = (
        "Квота не распространяется на поставки в страны Евразийского экономического союза, а также на "
        "вывоз зерна в рамках международной гуманитарной помощи.\n" + FILLER
    )
    claim = "Shipments to fellow members of the Eurasian Economic Union and humanitarian deliveries are {} the quota."
    label, _ = judge(claim.format("exempt from"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("covered by"), text)
    assert label != Label.SUPPORTED


def test_without_in_a_claim_meets_the_pages_negation() -> None:
    text = (
        "«Дефицит будет покрыт за счет остатков средств на счетах и бюджетных кредитов, коммерческие "
        "заимствования мы увеличивать не планируем», — заявила министр финансов Ирина Горбунова.\n" + FILLER
    )
    claim = "Irina Gorbunova said the deficit would be covered from account balances and budget loans{}."

    def conflicts(reasons: dict[str, object]) -> list[str]:
        clauses = reasons["clauses"]
        assert isinstance(clauses, list)
        return [c["type"] for cl in clauses for c in cl["conflicts"]]

    _, reasons = judge(claim.format(", without taking on more commercial borrowing"), text)
    assert "negation" not in conflicts(reasons)
    _, reasons = judge(claim.format(", and that commercial borrowing would be increased"), text)
    assert "negation" in conflicts(reasons)


def test_a_names_own_two_figures_are_no_rivals() -> None:
    text = (
        "Украина произвела более 4 млн дронов всех типов в 2025 году, а цель на 2026 год — 7 млн, сообщил "
        "Шмыгаль.\n" + FILLER
    )
    claim = "Ukraine built more than four million drones in 2025 and aims to make {} million in 2026, Shmyhal said."
    label, _ = judge(claim.format("seven"), text, date="2026-01-10")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("nine"), text, date="2026-01-10")
    assert label != Label.SUPPORTED


def test_a_period_meets_its_months() -> None:
    text = (
        "Грузооборот порта Владивосток по итогам девяти месяцев 2025 года составил 32,6 млн тонн.\n" + FILLER
    )
    claim = "Vladivostok's seaport handled 32.6 million tonnes of cargo in January-{} 2025."
    label, _ = judge(claim.format("September"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("October"), text)
    assert label != Label.SUPPORTED


def test_admitting_is_contradicted_by_not_admitting_in_the_window() -> None:
    text = (
        "Задержанный в июне 2024 года Вадим Серебряков вину не признал ни на следствии, ни в суде.\n" + FILLER
    )
    claim = "Serebryakov, arrested in June 2024, {} his guilt."
    label, _ = judge(claim.format("denied"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("admitted"), text)
    assert label == Label.UNSUPPORTED


def test_a_negation_inside_a_quotation_is_its_own_part() -> None:
    text = (
        "\"There's no deal until there's a deal,\" Trump said at a brief joint appearance, adding that "
        '"many points" had been agreed and that a couple of significant ones were still open.\n'
    )
    _, reasons = judge("Trump said 'many points' had been agreed.", text, "en")
    assert "negation" not in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]
    label, _ = judge("Trump said there was a deal.", text, "en")
    assert label != Label.SUPPORTED


def test_a_pronoun_speaks_for_the_person_named_before() -> None:
    text = (
        "Эльвира Набиуллина заявила, что регулятор оценит целесообразность дальнейшего снижения ставки.\n"
        "Ее заместитель Алексей Заботкин добавил, что решение далось непросто.\n"
        "«Вариант снижения на 100 б.п. на этом заседании не обсуждался», — сказал он.\n" + FILLER
    )
    claim = "{} said a 100-basis-point cut had not been discussed at the meeting."
    label, _ = judge(claim.format("Alexei Zabotkin"), text)
    assert label == Label.SUPPORTED
    label, reasons = judge(claim.format("Elvira Nabiullina"), text)
    assert label == Label.UNSUPPORTED
    assert "speaker" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]


def test_nobody_hurt_contradicts_a_claim_of_wounded() -> None:
    text = (
        "Уламки дрона впали на палубу суховантажу під прапором Панами в порту Чорноморськ. На борту "
        "перебували 22 члени екіпажу — громадяни Єгипту та Сирії. Ніхто з моряків не постраждав.\n" + FILLER
    )
    claim = "Drone debris hit a Panama-flagged bulk carrier at Chornomorsk{}."
    label, _ = judge(claim.format(", whose 22 Egyptian and Syrian crew were unhurt"), text, "uk")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format(", wounding several of its 22 Egyptian and Syrian crew"), text, "uk")
    assert label == Label.UNSUPPORTED


def test_people_traded_between_two_clauses_are_swapped() -> None:
    text = (
        "Vladimir Medinsky, who led Russia's delegation, told reporters that Moscow had offered a series of "
        "72-hour local truces so that both sides could collect their dead.\n"
        '"Our proposal remains on the table," he said.\n'
        "Ukraine's chief negotiator Rustem Umerov said Kyiv still insisted on a full 30-day ceasefire.\n"
    )
    claim = (
        "{} offered a series of 72-hour local truces so that both sides could collect their dead, while {} "
        "held out for a full 30-day ceasefire."
    )
    label, _ = judge(claim.format("Medinsky", "Umerov"), text, "en")
    assert label == Label.SUPPORTED
    label, reasons = judge(claim.format("Umerov", "Medinsky"), text, "en")
    assert label == Label.UNSUPPORTED
    assert "swapped" in str(reasons)


def test_a_later_date_is_opposed_to_an_earlier_one_but_later_alone_is_no_comparison() -> None:
    text = (
        "The ministers' position must still be negotiated with the European Parliament, where MEPs have "
        "called for an earlier cut-off date of 1 January 2027.\n"
    )
    claim = "MEPs have called for {} cut-off date of 1 January 2027."
    label, _ = judge(claim.format("an earlier"), text, "en")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("a later"), text, "en")
    assert label == Label.UNSUPPORTED
    page = "Позднее Трамп оценил встречу на «десять из десяти». Ранее Ушаков назвал ее полезной.\n" + FILLER
    label, _ = judge("Trump later rated the meeting 'ten out of ten'.", page)
    assert label == Label.SUPPORTED


def test_a_month_the_window_gives_to_another_event_is_bound_there() -> None:
    text = (
        "В августе 2025 года Роскомнадзор ограничил звонки в Telegram и WhatsApp, объяснив это борьбой с "
        "мошенниками. В декабре 2025 года ведомство начало замедлять работу WhatsApp.\n" + FILLER
    )
    claim = "Roskomnadzor restricted voice calls on Telegram and WhatsApp in {} 2025, citing the fight against fraud."
    label, _ = judge(claim.format("August"), text)
    assert label == Label.SUPPORTED
    label, reasons = judge(claim.format("December"), text)
    assert label == Label.UNSUPPORTED
    assert "binding" in str(reasons)
    # A month that stands with the claim's figure is its own, whatever the sentence before says.
    text = (
        "В месячном выражении цены в феврале выросли на 0,46%. В январе месячная инфляция составила 1,62% — "
        "это максимальный показатель для января с 2015 года.\n" + FILLER
    )
    label, _ = judge("Prices rose 1.62 per cent month on month in January, the most since 2015.", text)
    assert label == Label.SUPPORTED


def test_a_share_written_as_counts_meets_a_fraction() -> None:
    text = (
        "Решение совпало с консенсус-прогнозом «Ъ»: из 27 опрошенных аналитиков 18 ожидали именно такого "
        "шага, еще трое ждали снижения до 16%.\n" + FILLER
    )
    claim = "{} of the analysts polled by Kommersant had forecast exactly this cut."
    label, _ = judge(claim.format("Two-thirds"), text)
    assert label == Label.SUPPORTED
    label, _ = judge(claim.format("Nine in ten"), text)
    assert label != Label.SUPPORTED


def test_a_topic_word_before_a_noun_is_no_opposite_of_the_verb() -> None:
    text = "Минэкономразвития ухудшило прогноз роста ВВП России на 2025 год до 1% с 2,5%.\n" + FILLER
    label, _ = judge("The Economy Ministry cut its 2025 growth forecast from 2.5% to 1%.", text)
    assert label == Label.SUPPORTED
    text = "Российский экспорт в Китай снизился на 5,6%. Импорт из Китая сократился на 8,4%.\n" + FILLER
    label, _ = judge("Russian imports from China slipped only 5.6%, less than exports.", text)
    assert label != Label.SUPPORTED


@pytest.mark.parametrize(
    ("english", "cyrillic"),
    [("Lviv", "Львова"), ("Perm", "Пермском"), ("Tver", "Тверской"), ("Chisinau", "Кишинева")],
)
def test_cities_of_the_region_have_their_russian_names_and_adjectives(english: str, cyrillic: str) -> None:
    assert key(cyrillic) in alias_keys(english)


def test_a_city_name_is_no_alias_of_one_word_of_a_persons_name() -> None:
    assert alias_keys("Rubio", cities=False) == ()
    assert alias_keys("Rubio") == ()  # a town in Venezuela, outside the pages' region
    assert alias_keys("Most") == ()  # a town in Czechia, and a common word


def test_a_region_named_only_by_its_adjective_is_found() -> None:
    text = (
        "Законодательное собрание Пермского края 13 марта приняло закон о выплате студенткам.\n"
        "Выплату в размере 100 тыс. рублей смогут получить студентки очной формы обучения.\n" + FILLER
    )
    label, reasons = judge(
        "The Perm region's legislature approved a payment of 100,000 roubles to students.", text
    )
    assert label is Label.SUPPORTED, reasons
    label, _ = judge(
        "The Kursk region's legislature approved a payment of 100,000 roubles to students.", text
    )
    assert label is not Label.SUPPORTED


def test_a_region_in_the_claims_slot_replaced_by_another_contradicts() -> None:
    text = (
        "Новым руководителем ведомства назначен Алексей Уваров.\n"
        "Уварову 44 года. До этого он был заместителем губернатора Вологодской области.\n"
        "Выборы губернатора Тверской области пройдут в сентябре 2026 года.\n" + FILLER
    )
    claim = "Uvarov, 44, had previously served as a deputy governor of the {} region."
    label, reasons = judge(claim.format("Vologda"), text)
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge(claim.format("Tver"), text)
    assert label is Label.UNSUPPORTED, reasons
    assert any(c["type"] == "place" for c in reasons["clauses"][0]["conflicts"])


def test_a_title_before_the_speaker_is_part_of_who_speaks() -> None:
    from citecheck.verify.attribution import _with_title
    from citecheck.verify.entities import claim_names

    text = "Deputy mayor Andrei Bochkaryov said the new line would halve the journey."
    tokens = tokenize(text)
    name = next(n for n in claim_names(text, tokens) if n.text == "Andrei Bochkaryov")
    assert _with_title(tokens, name) == (0, name.end)
    text = "The line, Andrei Bochkaryov said, would halve the journey."
    tokens = tokenize(text)
    name = next(n for n in claim_names(text, tokens) if n.text == "Andrei Bochkaryov")
    assert _with_title(tokens, name) == (name.start, name.end)


def test_a_figure_equal_to_another_claim_figure_still_backs_its_own_count() -> None:
    text = (
        "Протяженность магистрали составит 679 км.\n"
        "Время в пути между двумя городами сократится с четырех часов до 2 часов 15 минут.\n" + FILLER
    )
    label, reasons = judge(
        "The line is meant to cut the journey between the two cities to 2 hours 15 minutes.", text
    )
    assert label is Label.SUPPORTED, reasons
    label, _ = judge(
        "The line is meant to cut the journey between the two cities to 3 hours 15 minutes.", text
    )
    assert label is not Label.SUPPORTED


def test_a_far_denial_counts_only_with_another_word_of_the_claim() -> None:
    from citecheck.verify.align import _only_denied_outside

    text = (
        "Естественная убыль населения достигла 218,6 тыс. человек.\n"
        + FILLER
        + FILLER.replace("дни", "недели")
        + "Выплату получат семьи, если их доход не превышает прожиточного минимума.\n"
    )
    page = page_index(text)
    far = len(page.segments) - 1
    exceeds = next(t.key for t in page.tokens[far] if t.text == "превышает")
    assert _only_denied_outside(page, (0,), [(far, exceeds)], shared={far})
    assert not _only_denied_outside(page, (0,), [(far, exceeds)], shared=())
    assert _only_denied_outside(page, (far - 2,), [(far, exceeds)], shared=())


def test_a_factor_the_claims_own_figures_give_is_backed() -> None:
    text = "Если сейчас в перечне 11 позиций, то с марта их станет 27, сообщили в администрации.\n" + FILLER
    claim = "The city more than {} its list of closed jobs, from 11 categories to 27."
    label, reasons = judge(claim.format("doubled"), text)
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge(claim.format("tripled"), text)
    assert label is not Label.SUPPORTED, reasons


def test_a_thing_the_page_says_is_still_to_be_signed_was_not_signed() -> None:
    text = (
        "Верховна Рада 16 січня ухвалила закон про множинне громадянство, за нього проголосували 243 депутати.\n"
        + FILLER
        + FILLER.replace("дни", "тижні")
        + "Тепер закон має підписати президент.\n"
    )
    label, reasons = judge(
        "In January parliament passed the law on multiple citizenship with 243 votes.", text, "uk"
    )
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge("In January the president signed the law on multiple citizenship.", text, "uk")
    assert label is not Label.SUPPORTED, reasons


def test_welcoming_is_opposed_by_coming_out_against_even_with_a_no_later_in_the_clause() -> None:
    text = "Директор музея Людмила Соколова выступила против передачи собора епархии.\n" + FILLER
    claim = "The museum's director, Lyudmila Sokolova, {} the transfer of the cathedral, saying there was no risk."
    label, reasons = judge(claim.format("opposed"), text)
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge(claim.format("welcomed"), text)
    assert label is Label.UNSUPPORTED, reasons


def test_a_suspended_sentence_is_not_prison() -> None:
    text = (
        "Суд приговорил бизнесмена Олега Кравцова к четырем годам лишения свободы условно.\n"
        "Он заключил досудебное соглашение о сотрудничестве со следствием.\n" + FILLER
    )
    label, reasons = judge("Businessman Oleg Kravtsov received a four-year suspended sentence.", text)
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge("Businessman Oleg Kravtsov was sent to prison for four years.", text)
    assert label is Label.UNSUPPORTED, reasons
    served = text.replace(" условно", " в колонии общего режима")
    label, reasons = judge("Businessman Oleg Kravtsov was sent to prison for four years.", served)
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge("Businessman Oleg Kravtsov received a four-year suspended sentence.", served)
    assert label is not Label.SUPPORTED, reasons


def test_seas_and_crimea_have_their_russian_names() -> None:
    assert key("Черного") in alias_keys("Black Sea")
    assert key("черноморского") in alias_keys("Black Sea")
    assert key("Крым") in alias_keys("Crimea")


def test_a_number_word_opening_the_sentence_is_no_part_of_a_name() -> None:
    from citecheck.verify.entities import claim_names

    text = "Three Ukrainian drones hit the Vostochnaya substation."
    assert [n.text for n in claim_names(text, tokenize(text))] == ["Ukrainian", "Vostochnaya"]


def test_he_said_speaks_for_the_person_named_before() -> None:
    text = (
        "Об этом заявил начальник Генерального штаба Валерий Герасимов.\n"
        "По словам начальника Генштаба, в Купянске под контролем войск находится более половины города.\n"
        "На этом направлении, отметил он, бои идут на окраинах Красноармейска (так в России называют Покровск).\n"
        + FILLER
    )
    claim = "{} said fighting was under way on the outskirts of Krasnoarmeysk."
    label, reasons = judge(claim.format("Gerasimov"), text)
    assert label is Label.SUPPORTED, reasons
    label, reasons = judge(claim.format("Shoigu"), text)
    assert label is not Label.SUPPORTED, reasons


def test_city_names_keep_their_full_form_and_meet_other_romanisations() -> None:
    """«Херсон» beside «Херсонскую» is no clipped spelling; "Zaporizhzhia" is GeoNames'
    "Zaporizhzhya", and its Ukrainian adjective «запорізький» is listed."""
    assert key("Херсон") in alias_keys("Kherson")
    assert key("Киев") in alias_keys("Kyiv")
    assert key("Запоріжжя") in alias_keys("Zaporizhzhia")
    page = FILLER + "За інформацією Коордштабу, 210 тіл повернуто із запорізького напрямку.\n"
    label, _ = judge("210 bodies were recovered on the Zaporizhzhia front.", page, "uk")
    assert label == Label.SUPPORTED
    label, _ = judge("210 bodies were recovered on the Kherson front.", page, "uk")
    assert label != Label.SUPPORTED


@pytest.mark.parametrize(
    ("claim", "flagged"),
    [
        ("The city will spend 310 million hryvnias on the army in 2026.", False),
        ("The city spent 310 million hryvnias on the army in 2024.", True),
    ],
)
def test_a_year_a_comparison_measures_from_is_not_the_claims_year(claim: str, flagged: bool) -> None:
    page = FILLER + (
        "На підтримку Сил оборони громада виділить 310 млн гривень, що майже вдвічі більше, ніж у 2025 році.\n"
    )
    label, _ = judge(claim, page, "uk", date="2026-01-15")
    assert (label != Label.SUPPORTED) is flagged


def test_a_weekday_in_another_sentence_places_the_claims_date() -> None:
    page = FILLER + (
        "Третий раунд консультаций, прошедший в четверг в Вашингтоне, позволил продвинуться в решении вопросов.\n"
        + FILLER
        + "Стороны договорились, что сотрудникам посольств будут выдаваться многократные визы сроком на один год.\n"
    )
    claim = "At consultations held on Thursday 5 March, the sides agreed that embassy staff would get one-year multiple-entry visas."
    label, _ = judge(claim, page, date="2026-03-06")
    assert label == Label.SUPPORTED
    label, _ = judge(claim.replace("Thursday 5 March", "Tuesday 3 March"), page, date="2026-03-06")
    assert label != Label.SUPPORTED


def test_a_denial_after_a_negated_phrasal_verb_is_found_by_its_object() -> None:
    """ "had not given up on the Istanbul format": what is denied is the format, which the quote
    beside the window denies too («от стамбульского формата не отказываемся»)."""
    lead = "Лавров в субботу провел переговоры с главой МИД Турции Хаканом Фиданом в Анталье.\n"
    quote = "«Мы ценим посреднические усилия турецких друзей и от стамбульского формата {}отказываемся», — сказал министр.\n"
    claim = "Lavrov, who met Fidan on Saturday, said they had not given up on the Istanbul format."
    label, reasons = judge(claim, FILLER + lead + FILLER + quote.format("не "))
    assert label == Label.SUPPORTED, reasons
    label, _ = judge(claim, FILLER + lead + FILLER + quote.format(""))
    assert label != Label.SUPPORTED


def test_a_part_of_a_whole_named_with_a_possessive_is_one_count() -> None:
    page = FILLER + "Левенте Мадяр заявив, що Будапешт бачить прогрес щодо чотирьох з 11 вимог Угорщини.\n"
    claim = "Levente Magyar said Budapest saw progress on {} of Hungary's eleven demands."
    bad, reasons = judge(claim.format("seven"), page, "uk")
    good, _ = judge(claim.format("four"), page, "uk")
    assert bad == Label.UNSUPPORTED
    assert "чотирьох з 11" in str(reasons)
    assert good == Label.SUPPORTED


def test_the_same_digits_with_the_point_shifted_contradict() -> None:
    page = (
        FILLER
        + "Загалом у межах ініціативи вдалося повернути понад 1 800 дітей.\n"
        + FILLER
        + "Верифіковано 19 500 депортованих дітей.\n"
    )
    claim = "The children came back, bringing the number returned under the initiative to more than {}."
    bad, _ = judge(claim.format("18,000"), page, "uk")
    good, _ = judge(claim.format("1,800"), page, "uk")
    assert bad == Label.UNSUPPORTED
    assert good == Label.SUPPORTED


def test_no_deaths_recorded_contradicts_a_claim_of_deaths() -> None:
    page = FILLER + (
        "С начала вспышки госпитализированы 168 человек. Трое детей с осложнениями находились в реанимации, "
        "к 8 апреля их состояние стабилизировалось. Летальных исходов не зафиксировано.\n"
    )
    label, _ = judge("By early April three children with complications had died.", page)
    assert label == Label.UNSUPPORTED
    label, _ = judge("By early April three children with complications were in intensive care.", page)
    assert label == Label.SUPPORTED


@pytest.mark.parametrize(
    ("verb", "expected"), [("полностью признал", Label.UNSUPPORTED), ("не признал", Label.SUPPORTED)]
)
def test_a_negated_claim_against_its_words_affirmed_near_the_window(verb: str, expected: Label) -> None:
    page = FILLER + (
        'На скамье подсудимых находился директор компании "Медтехсервис" Андрей Кулагин, который не служил в министерстве.\n'
        f"Он {verb} вину и получил три года условно.\n"
    )
    label, _ = judge(
        "Andrei Kulagin of Medtekhservis got three years suspended though he never admitted his guilt.", page
    )
    assert label == expected


def test_a_listed_acronym_the_page_never_names_is_missing() -> None:
    page = FILLER + "Місія налічуватиме від 800 до 1 200 осіб.\nХто її очолить, поки не вирішено.\n"
    label, reasons = judge("The mission would number 800 to 1,200 people and be led by the OSCE.", page, "uk")
    assert label != Label.SUPPORTED
    assert "OSCE" in str(reasons["missing"])
    label, _ = judge("The mission would number 800 to 1,200 people.", page, "uk")
    assert label == Label.SUPPORTED


@pytest.mark.parametrize(
    ("verdict", "expected"), [("не была принята", Label.PARTIAL), ("была принята", Label.SUPPORTED)]
)
def test_a_claim_word_the_page_denies_beside_the_clauses_subject(verdict: str, expected: Label) -> None:
    """The resolution was adopted, the amendment was not: the sentences holding the clause's
    subject ("the amendment") decide whether "adopted" is denied."""
    page = FILLER + (
        "Генассамблея ООН приняла резолюцию об урегулировании конфликта.\n"
        "Небензя назвал резолюцию пустой декларацией.\n"
        "Накануне голосования российская делегация предложила поправку о коренных причинах конфликта.\n"
        f"Ее поддержали 41 государство, 64 выступили против, и поправка {verdict}.\n"
    )
    claim = "Nebenzya called the resolution an empty declaration, and Russia's amendment on the root causes of the conflict was adopted."
    label, _ = judge(claim, page)
    assert label == expected


def test_regarding_as_a_venue_is_denied_by_not_considering_it_one() -> None:
    page = FILLER + (
        "Захарова заявила, что Москва ценит гуманитарные усилия Святого престола. "
        "Вместе с тем Россия {}рассматривает Ватикан в качестве площадки для переговоров.\n"
    )
    claim = "Zakharova said Moscow regarded the Vatican as a venue for negotiations and valued its humanitarian role."
    label, _ = judge(claim, page.format("не "))
    assert label == Label.UNSUPPORTED
    label, _ = judge(claim, page.format(""))
    assert label == Label.SUPPORTED


@pytest.mark.parametrize(
    ("country", "expected"), [("Slovakia", Label.UNSUPPORTED), ("Hungary", Label.SUPPORTED)]
)
def test_a_figure_the_next_sentence_gives_another_place_is_not_the_claims(
    country: str, expected: Label
) -> None:
    page = FILLER + (
        "Крупнейшим покупателем газа по «Турецкому потоку» остается Венгрия, которая получила около 7,5 млрд кубометров. "
        "Словакия получает российский газ через Венгрию, объем этих поставок составил около 3 млрд кубометров.\n"
    )
    label, _ = judge(f"{country} was the biggest buyer of gas via TurkStream, taking about 7.5 bcm.", page)
    assert label == expected


def test_a_sports_suspension_is_no_suspended_sentence() -> None:
    text = (
        "Спортсменку дисквалифицировали на два года, срок отсчитывается с 29 августа.\n"
        "В этот день ее временно отстранили от соревнований.\n" + FILLER
    )
    claim = "Her two-year ban is counted from 29 August, when she was provisionally suspended."
    _, reasons = judge(claim, text)
    assert "suspended" not in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]], reasons
