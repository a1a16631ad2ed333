"""Cutting claims into clauses."""

from __future__ import annotations

from citecheck.verify.claims import split_claim


def test_coordinated_sentence_splits() -> None:
    clauses = split_claim(
        "Trump rated the meeting highly, while Ushakov said the date of the next summit was agreed."
    )
    assert [c.text for c in clauses] == [
        "Trump rated the meeting highly",
        "Ushakov said the date of the next summit was agreed",
    ]


def test_short_parts_stay_together() -> None:
    clauses = split_claim("The declaration condemned attacks in Bryansk, Kursk and Voronezh regions.")
    assert len(clauses) == 1


def test_list_items_and_lead() -> None:
    claim = "The conditions were:\n- the lifting of sanctions on banks;\n- an end to the curbs on machinery."
    clauses = split_claim(claim)
    assert [(c.lead, c.text) for c in clauses] == [
        (True, "The conditions were"),
        (False, "the lifting of sanctions on banks"),
        (False, "an end to the curbs on machinery"),
    ]
    assert all(claim[c.start : c.end] == c.text for c in clauses)


def test_anchors_go_to_their_clause() -> None:
    clauses = split_claim("Supplies will rise from 10 to 12 bcm a year, and construction will start in 2026.")
    assert [len(c.quantities) for c in clauses] == [2, 1]


def test_a_closing_relative_clause_and_a_second_that_clause_are_statements_of_their_own() -> None:
    texts = [
        c.text
        for c in split_claim("The bank raised rates to 11.25%, which has brought inflation back below 5%.")
    ]
    assert texts == ["The bank raised rates to 11.25%", "which has brought inflation back below 5%"]
    texts = [
        c.text
        for c in split_claim("The ministry said no files were lost and that all fees would be refunded.")
    ]
    assert texts == ["The ministry said no files were lost", "all fees would be refunded"]
    inside = "The plant, which will employ 80 people, has already opened in Petropavlovsk."
    assert [c.text for c in split_claim(inside)] == [inside.rstrip(".")]


def test_a_with_phrase_set_off_on_both_sides_stays_inside() -> None:
    inside = "The first section of the new line, with five stations from Delovoy Tsentr, should open in 2027."
    assert len(split_claim(inside)) == 1
    closing = "Sales fell in most segments, with appliance sellers declining the most, by 18.22%."
    assert [c.text for c in split_claim(closing)] == [
        "Sales fell in most segments",
        "appliance sellers declining the most, by 18.22%",
    ]


def test_coordinated_verbs_are_statements_of_their_own() -> None:
    texts = [
        c.text
        for c in split_claim(
            "Besides the prison term, the court confiscated his property and barred him from office for five years."
        )
    ]
    assert texts == [
        "Besides the prison term, the court confiscated his property",
        "barred him from office for five years",
    ]
    texts = [
        c.text for c in split_claim("The pipeline is due to open in July and is funded entirely by the EIB.")
    ]
    assert texts == ["The pipeline is due to open in July", "is funded entirely by the EIB"]


def test_coordinated_verbs_of_a_speaker_stay_together() -> None:
    claim = "Trump said it was 'time to stop the killing' and called for an immediate ceasefire."
    assert [c.text for c in split_claim(claim)] == [claim.rstrip(".")]
    claim = "The wounded and displaced were taken to hospitals in Kharkiv on Monday."
    assert [c.text for c in split_claim(claim)] == [claim.rstrip(".")]


def test_a_second_event_after_a_comma_is_its_own_clause() -> None:
    clauses = split_claim(
        "The central bank cut its rate to 15 per cent on 29 January, after inflation slowed to 8 per cent "
        "in December."
    )
    assert [c.text for c in clauses][-1] == "inflation slowed to 8 per cent in December"
    clauses = split_claim(
        "The two presidents made short statements lasting twelve minutes, then took a few questions from reporters."
    )
    assert [c.text for c in clauses][-1] == "took a few questions from reporters"
    # Not a clause of its own: "as expected", a gerund after "after".
    assert len(split_claim("The bank kept its rate at 21 per cent, as expected by most analysts.")) == 1
    assert (
        len(split_claim("The bank kept its rate at 21 per cent, after weighing a cut to 20 per cent.")) == 1
    )


def test_a_short_part_stays_with_the_clause_before_it() -> None:
    clauses = split_claim(
        "Japan was the largest single contributor in the quarter, with $4.2 billion, while the ERA "
        "mechanism provided $1.2 billion."
    )
    assert [c.text for c in clauses] == [
        "Japan was the largest single contributor in the quarter, with $4.2 billion",
        "the ERA mechanism provided $1.2 billion",
    ]


def test_though_starts_a_clause() -> None:
    clauses = split_claim(
        "Two-thirds of those polled favoured peace talks, though only 12% would accept handing territories back."
    )
    assert [c.text for c in clauses] == [
        "Two-thirds of those polled favoured peace talks",
        "only 12% would accept handing territories back",
    ]


def test_yet_and_a_cost_start_a_clause() -> None:
    clauses = split_claim(
        "Georgia will offer the vaccine free to boys aged 10 to 12 from January 2026, at a cost of "
        "roughly 4.2 million lari a year, yet coverage among girls is still short of its target."
    )
    assert [c.text for c in clauses] == [
        "Georgia will offer the vaccine free to boys aged 10 to 12 from January 2026",
        "at a cost of roughly 4.2 million lari a year",
        "coverage among girls is still short of its target",
    ]


def test_a_ukrainian_claim_is_read_with_the_ukrainian_dictionaries() -> None:
    """«Нову» opens the sentence: read as Ukrainian it is the adjective, not a name."""
    (clause,) = split_claim("Нову підземну школу в Салтівському районі Харкова збудували за сім місяців.")
    assert "Нову" not in [n.text for n in clause.names]
