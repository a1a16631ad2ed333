"""When a model judge backs up the default judge: ask the model only about doubtful verdicts.

With ``escalate_below`` set (0 < x <= 1), the nli and llm judges keep the default judge's
verdict when it scores at least ``x`` and ask the model only about the rest: model calls go
where the rules are least sure (on the held-out sets, about half of the rules' wrong
"supported" verdicts scored below 0.8, against a fifth of the right ones). 0 asks the model
about every claim.
"""

from __future__ import annotations

from dataclasses import replace

from citecheck.models import Label, Verdict


def settled(base: Verdict, escalate_below: float) -> bool:
    """True when the default verdict stands without asking the model.

    Args:
        base: the default judge's verdict.
        escalate_below: the score from which the default verdict stands (0: never).

    Returns:
        Whether to skip the model.
    """
    return base.label != Label.DEAD and 0 < escalate_below <= base.score


def kept(base: Verdict, escalate_below: float) -> Verdict:
    """The default verdict (its judge still named ``default``), marked as kept and why."""
    why = f"default verdict kept: score {base.score} >= escalate_below {escalate_below}"
    return replace(base, reasons={**base.reasons, "escalation": why})
