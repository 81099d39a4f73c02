"""The flow engine: pure Python, standard library only, no I/O.

It knows roles, questions, options, conditions and advice as plain objects, resolves a visitor's
answers into a state, selects advice, enumerates every path and checks a flow for mistakes. It
knows nothing of Flask, files, YAML or Markdown; `veileder.content` builds its objects.
"""

from veileder.engine.advice import select_advice
from veileder.engine.conditions import And, AnyOf, Condition, Equals, Not, Or
from veileder.engine.model import (
    RESULT,
    AdviceBlock,
    Answers,
    Flow,
    Location,
    Option,
    Question,
    QuestionKind,
    Rule,
)
from veileder.engine.navigation import Navigation, Progress, navigate
from veileder.engine.paths import Path, enumerate_paths
from veileder.engine.progress import questions_left
from veileder.engine.resolver import State, resolve

__all__ = [
    "RESULT",
    "AdviceBlock",
    "And",
    "Answers",
    "AnyOf",
    "Condition",
    "Equals",
    "Flow",
    "Location",
    "Navigation",
    "Not",
    "Option",
    "Or",
    "Path",
    "Progress",
    "Question",
    "QuestionKind",
    "Rule",
    "State",
    "enumerate_paths",
    "navigate",
    "questions_left",
    "resolve",
    "select_advice",
]
