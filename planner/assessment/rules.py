"""How answers combine into the development indicators: the catalogue's rules as data,
evaluated with three values (met, not met, not yet known).

A question counts as met when answered "yes"; "partly", "no" and "don't know" count as not
met. A follow-up that was not asked (its parent answered "no" or "don't know") is not met; one
whose parent is not answered yet is not known. ``{"all": [...]}`` is met when every part is,
not met as soon as one part is not; ``{"any": [...]}`` the other way round."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.assessment.catalogue import FOLLOW_UP_WHEN, Catalogue

YES, NO, PARTLY, DONT_KNOW = "yes", "no", "partly", "dont_know"
ANSWER_VALUES = (YES, PARTLY, NO, DONT_KNOW)
MET, NOT_MET, UNANSWERED = "met", "not_met", "unanswered"


def is_asked(catalogue: Catalogue, answers: Mapping[str, str | None], code: str) -> bool | None:
    """Is the question asked, given the answers so far? A main question always is; a
    follow-up when its parent is asked and answered "yes" or "partly"; None while unknown."""
    question = catalogue.question(code)
    if question is None or question.parent is None:
        return True
    asked = is_asked(catalogue, answers, question.parent)
    if asked is not True:
        return asked
    parent_answer = answers.get(question.parent)
    if parent_answer is None:
        return None
    return parent_answer in FOLLOW_UP_WHEN


def question_met(catalogue: Catalogue, answers: Mapping[str, str | None], code: str) -> bool | None:
    asked = is_asked(catalogue, answers, code)
    if asked is not True:
        return asked  # not asked: not met; unknown: unknown
    value = answers.get(code)
    return None if value is None else value == YES


def evaluate(rule: Any, catalogue: Catalogue, answers: Mapping[str, str | None]) -> bool | None:
    """True (met), False (not met) or None (not known yet) for a rule and a set of answers."""
    if isinstance(rule, str):
        return question_met(catalogue, answers, rule)
    ((kind, parts),) = rule.items()
    values = [evaluate(part, catalogue, answers) for part in parts]
    decisive = kind == "any"  # any: one True decides; all: one False decides
    if decisive in values:
        return decisive
    if None in values:
        return None
    return not decisive


def state(value: bool | None) -> str:
    return MET if value is True else NOT_MET if value is False else UNANSWERED
