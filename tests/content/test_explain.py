"""Conditions in plain words: what an advice block asks for (`explain`), and which of the visitor's
answers made it show (`why`), quoting the question titles and option labels of the visitor's language."""

import ast
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from tests.conftest import MINIMAL
from veileder import catalogs
from veileder.content import load_content
from veileder.content.explain import explain, why
from veileder.engine import And, AnyOf, Equals, Not, Or

ROLE = load_content(MINIMAL).roles["familie"]
ROOT = Path(__file__).resolve().parents[2]

AKTIVITET_JA = Equals("aktivitet", "ja")
IKKE_BARN = Not(Equals("alder", "barn"))
PENGER_ELLER_UTSTYR = AnyOf("hindring", ("penger", "utstyr"))

# (what, condition, the sentences in bokmål)
EXPLAIN_CASES = [
    ("no condition", None, ["Dette rådet vises til alle som velger denne rollen."]),
    ("one option", AKTIVITET_JA, ['"Går barnet på en aktivitet?" er besvart med "Ja".']),
    (
        "one of several options",
        AnyOf("alder", ("barn", "ungdom")),
        ['"Hvor gammel er barnet?" er besvart med "Under 13 år" eller "13 år eller eldre".'],
    ),
    ("a ticked option", Equals("hindring", "penger"), ['"Penger" er krysset av på "Hva er vanskelig?".']),
    ("one of several ticked", PENGER_ELLER_UTSTYR, ['"Penger" eller "Utstyr" er krysset av på "Hva er vanskelig?".']),
    ("not an option", IKKE_BARN, ['"Hvor gammel er barnet?" er ikke besvart med "Under 13 år".']),
    ("not ticked", Not(Equals("hindring", "ingen")), ['"Ingenting" er ikke krysset av på "Hva er vanskelig?".']),
    ("twice not", Not(Not(AKTIVITET_JA)), ['"Går barnet på en aktivitet?" er besvart med "Ja".']),
    (
        "all of: a sentence each",
        And((AKTIVITET_JA, PENGER_ELLER_UTSTYR)),
        [
            '"Går barnet på en aktivitet?" er besvart med "Ja".',
            '"Penger" eller "Utstyr" er krysset av på "Hva er vanskelig?".',
        ],
    ),
    (
        "any of: one sentence with the alternatives",
        Or((AKTIVITET_JA, IKKE_BARN)),
        [
            '"Går barnet på en aktivitet?" er besvart med "Ja" eller '
            '"Hvor gammel er barnet?" er ikke besvart med "Under 13 år".'
        ],
    ),
    (
        "all of, inside any of, in brackets",
        Or((And((AKTIVITET_JA, IKKE_BARN)), Equals("hindring", "ingen"))),
        [
            '("Går barnet på en aktivitet?" er besvart med "Ja" og "Hvor gammel er barnet?" er ikke besvart med '
            '"Under 13 år") eller "Ingenting" er krysset av på "Hva er vanskelig?".'
        ],
    ),
    (
        "not all of",
        Not(And((AKTIVITET_JA, IKKE_BARN))),
        [
            'Det stemmer ikke at ("Går barnet på en aktivitet?" er besvart med "Ja" og '
            '"Hvor gammel er barnet?" er ikke besvart med "Under 13 år").'
        ],
    ),
    ("a municipality, by its number", Equals("kommune", "5612"), ['"Hvor bor dere?" er besvart med "5612".']),
]


@pytest.mark.parametrize(("what", "condition", "expected"), EXPLAIN_CASES, ids=[c[0] for c in EXPLAIN_CASES])
def test_explain_says_what_a_condition_asks_for(what, condition, expected):
    assert explain(condition, ROLE, "nb") == expected


# (what, condition, the visitor's answers, the sentences in bokmål)
WHY_CASES = [
    ("no condition", None, {}, ["Dette rådet vises til alle som velger denne rollen."]),
    ("the option chosen", AKTIVITET_JA, {"aktivitet": ("ja",)}, ['Du svarte "Ja" på "Går barnet på en aktivitet?".']),
    (
        "only the ticked options that count",
        PENGER_ELLER_UTSTYR,
        {"hindring": ("penger",)},
        ['Du krysset av for "Penger" på "Hva er vanskelig?".'],
    ),
    (
        "every ticked option that counts",
        PENGER_ELLER_UTSTYR,
        {"hindring": ("utstyr", "penger")},
        ['Du krysset av for "Penger" og "Utstyr" på "Hva er vanskelig?".'],
    ),
    (
        "not: what the visitor did not answer",
        IKKE_BARN,
        {"alder": ("ungdom",)},
        ['Du svarte ikke "Under 13 år" på "Hvor gammel er barnet?".'],
    ),
    (
        "not, about a question never asked",
        Not(AKTIVITET_JA),
        {},
        ['Du svarte ikke "Ja" på "Går barnet på en aktivitet?".'],
    ),
    (
        "not any of the ticked",
        Not(PENGER_ELLER_UTSTYR),
        {"hindring": ("ingen",)},
        ['Du krysset ikke av for "Penger" eller "Utstyr" på "Hva er vanskelig?".'],
    ),
    (
        "any of: only the alternative that held",
        Or((AKTIVITET_JA, IKKE_BARN)),
        {"alder": ("ungdom",), "aktivitet": ("nei",)},
        ['Du svarte ikke "Under 13 år" på "Hvor gammel er barnet?".'],
    ),
    (
        "any of: every alternative that held",
        Or((AKTIVITET_JA, IKKE_BARN)),
        {"alder": ("ungdom",), "aktivitet": ("ja",)},
        [
            'Du svarte "Ja" på "Går barnet på en aktivitet?".',
            'Du svarte ikke "Under 13 år" på "Hvor gammel er barnet?".',
        ],
    ),
    (
        "all of: every part",
        And((AKTIVITET_JA, PENGER_ELLER_UTSTYR)),
        {"aktivitet": ("ja",), "hindring": ("utstyr",)},
        ['Du svarte "Ja" på "Går barnet på en aktivitet?".', 'Du krysset av for "Utstyr" på "Hva er vanskelig?".'],
    ),
    (
        "not all of: the part that failed",
        Not(And((AKTIVITET_JA, IKKE_BARN))),
        {"aktivitet": ("ja",), "alder": ("barn",)},
        ['Du svarte "Under 13 år" på "Hvor gammel er barnet?".'],
    ),
    ("a condition that does not hold: no reasons", AKTIVITET_JA, {"aktivitet": ("nei",)}, []),
]


@pytest.mark.parametrize(("what", "condition", "answers", "expected"), WHY_CASES, ids=[c[0] for c in WHY_CASES])
def test_why_names_the_answers_that_made_the_advice_show(what, condition, answers, expected):
    assert why(condition, ROLE, "nb", answers) == expected


@pytest.fixture(scope="module")
def translated_role(tmp_path_factory):
    """The minimal role with English texts for two questions, and nynorsk for none."""
    content = tmp_path_factory.mktemp("translated") / "content"
    shutil.copytree(MINIMAL, content)
    questions = content / "roles" / "familie" / "en" / "questions"
    questions.mkdir(parents=True)
    (questions / "aktivitet.md").write_text(
        "---\ntitle: Does the child take part in an activity?\noptions:\n  ja: Yes\n  nei: 'No'\n---\n",
        encoding="utf-8",
    )
    (questions / "hindring.md").write_text(
        "---\ntitle: What is hard?\noptions:\n  penger: Money\n  utstyr: Equipment\n  ingen: Nothing\n---\n",
        encoding="utf-8",
    )
    loaded = load_content(content)
    assert loaded.problems == ()
    return loaded.roles["familie"]


# (what, language, condition, answers or None for `explain`, the sentences)
LANGUAGE_CASES = [
    ("en: no condition", "en", None, None, ["This advice is shown to everyone who chooses this role."]),
    (
        "en: one option",
        "en",
        AKTIVITET_JA,
        None,
        ['The answer to "Does the child take part in an activity?" is "Yes".'],
    ),
    (
        "en: not ticked",
        "en",
        Not(PENGER_ELLER_UTSTYR),
        None,
        ['"Money" or "Equipment" is not ticked for "What is hard?".'],
    ),
    (
        "en: why",
        "en",
        AKTIVITET_JA,
        {"aktivitet": ("ja",)},
        ['You answered "Yes" to "Does the child take part in an activity?".'],
    ),
    (
        "en: why ticked",
        "en",
        PENGER_ELLER_UTSTYR,
        {"hindring": ("penger", "utstyr")},
        ['You ticked "Money" and "Equipment" for "What is hard?".'],
    ),
    ("en: why not", "en", IKKE_BARN, {}, ['You did not answer "Under 13 år" to "Hvor gammel er barnet?".']),
    ("nn: no condition", "nn", None, None, ["Dette rådet blir vist til alle som vel denne rolla."]),
    (
        "nn: bokmål labels, nynorsk words",
        "nn",
        IKKE_BARN,
        None,
        ['"Hvor gammel er barnet?" er ikkje svart med "Under 13 år".'],
    ),
    (
        "nn: why ticked",
        "nn",
        PENGER_ELLER_UTSTYR,
        {"hindring": ("utstyr",)},
        ['Du kryssa av for "Utstyr" på "Hva er vanskelig?".'],
    ),
]


@pytest.mark.parametrize(
    ("what", "lang", "condition", "answers", "expected"), LANGUAGE_CASES, ids=[c[0] for c in LANGUAGE_CASES]
)
def test_the_visitors_language_with_bokmal_where_a_text_is_not_translated(
    translated_role, what, lang, condition, answers, expected
):
    if answers is None:
        assert explain(condition, translated_role, lang) == expected
    else:
        assert why(condition, translated_role, lang, answers) == expected


def test_the_sentences_come_from_the_catalogs_translators_work_on():
    """Every word these modules say is a gettext message in translations/messages.pot, which
    `make translations` extracts: no module keeps its own table of words per language."""
    with (ROOT / "translations" / "messages.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    for module in ("explain", "book", "graph"):
        path = ROOT / "veileder" / "content" / f"{module}.py"
        found = {message for _, message, _, _ in extract_from_file("python", str(path))}
        assert found, module
        assert found <= template, module
        assert not _norwegian_literals(path), module


def _norwegian_literals(path: Path) -> list[str]:
    """String literals (not docstrings) with a Norwegian word in them: a word table kept in code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    words = re.compile(r"\b(og|eller|ikke|ikkje|videre|vidare|ellers|elles|alltid|vises|spørsmål|råd)\b", re.I)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        if words.search(node.value) and "bokmål" not in node.value
    ]


def test_a_missing_catalog_is_named_with_the_command_that_builds_it(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogs, "CATALOG_DIR", tmp_path)
    catalogs.translator.cache_clear()
    try:
        with pytest.raises(catalogs.MissingCatalogError) as raised:
            explain(AKTIVITET_JA, ROLE, "nn")
    finally:
        catalogs.translator.cache_clear()
    assert str(raised.value) == (
        f"the compiled catalog {tmp_path}/nn/LC_MESSAGES/messages.mo is missing: `make setup` builds it"
    )
