"""The content checker: one small mistake at a time in a valid content folder, and the exact
`path:line: message` it must print."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import replace_in
from veileder.cli import content as content_command
from veileder.content.flows import read_flow
from veileder.content.register import CATEGORIES

FLOW = "roles/familie/flow.yaml"
ALDER = "roles/familie/nb/questions/alder.md"
ADVICE = "roles/familie/nb/advice/finn-aktivitet.md"

# (what is wrong, file, text to replace, replacement, the exact lines the checker must print)
CASES = [
    (
        "malformed YAML in front matter",
        ALDER,
        "title: Hvor gammel er barnet?",
        "title: [Hvor gammel er barnet?",
        [
            "content/roles/familie/nb/questions/alder.md:2: this is not valid YAML: "
            "while parsing a flow sequence, expected ',' or ']', but got '?'"
        ],
    ),
    (
        "front matter never closed",
        ALDER,
        "    hint: Ungdom\n---",
        "    hint: Ungdom",
        ["content/roles/familie/nb/questions/alder.md:1: the front matter is not closed: add a line '---' after it"],
    ),
    (
        "malformed YAML in flow.yaml",
        FLOW,
        "    options: [barn, ungdom]",
        "    options: [barn, ungdom",
        [
            "content/roles/familie/flow.yaml:5: this is not valid YAML: "
            "while parsing a flow sequence, expected ',' or ']', but got ':' (noticed at line 6)"
        ],
    ),
    (
        "unknown key",
        FLOW,
        "  - id: alder\n    type: single",
        "  - id: alder\n    tpye: single",
        [
            "content/roles/familie/flow.yaml:3: a question is missing 'type'",
            "content/roles/familie/flow.yaml:4: unknown key 'tpye' in a question (did you mean 'type'?)",
        ],
    ),
    (
        "missing key in front matter",
        "roles/familie/nb/advice/spor-nav.md",
        "title: Råd spor-nav",
        "tittel: Råd spor-nav",
        [
            "content/roles/familie/nb/advice/spor-nav.md:2: the front matter is missing 'title'",
            "content/roles/familie/nb/advice/spor-nav.md:2: unknown key 'tittel' in the front matter (did you mean 'title'?)",
        ],
    ),
    (
        "a target that does not exist",
        FLOW,
        "goto: kommune",
        "goto: kommmune",
        ["content/roles/familie/flow.yaml:11: goto names 'kommmune', which is not a question in this role"],
    ),
    (
        "a question no path reaches",
        FLOW,
        "      - when: {question: aktivitet, equals: ja}\n        goto: kommune",
        "      - goto: kommune",
        [
            "content/roles/familie/flow.yaml:11: question 'hindring' is never asked: no answers lead to it",
            "content/roles/familie/flow.yaml:19: advice 'spor-nav' is never shown: no answers make its condition true",
        ],
    ),
    (
        "a loop",
        FLOW,
        "  - id: kommune\n    type: municipality",
        "  - id: kommune\n    type: municipality\n    next: alder",
        [
            "content/roles/familie/flow.yaml:18: loop: the questions can go round in a circle (alder → aktivitet → kommune → alder)"
        ],
    ),
    (
        "a path that ends with no advice",
        FLOW,
        "  - id: finn-aktivitet\n",
        "",
        [
            "content/roles/familie/flow.yaml:16: these answers end with no advice: alder=barn, aktivitet=nei, hindring=ingen, kommune=*",
            "content/roles/familie/nb/advice/finn-aktivitet.md:1: there is no advice block 'finn-aktivitet' in flow.yaml for this file (file names must be the id plus .md)",
        ],
    ),
    (
        "a condition naming an unknown question",
        FLOW,
        "when: {question: hindring, any_of: [penger, utstyr]}",
        "when: {question: hindringer, any_of: [penger, utstyr]}",
        ["content/roles/familie/flow.yaml:21: the condition names question 'hindringer', which is not in this role"],
    ),
    (
        "a condition naming an unknown option",
        FLOW,
        "- {question: aktivitet, equals: ja}",
        "- {question: aktivitet, equals: kanskje}",
        [
            "content/roles/familie/flow.yaml:25: the condition names option 'kanskje', which question 'aktivitet' does not have"
        ],
    ),
    (
        "duplicate question ids",
        FLOW,
        "  - id: kommune\n",
        "  - id: alder\n    type: single\n    options: [a, b]\n  - id: kommune\n",
        ["content/roles/familie/flow.yaml:16: question id 'alder' is used twice (first at line 3)"],
    ),
    (
        "duplicate option ids",
        FLOW,
        "options: [barn, ungdom]",
        "options: [barn, barn]",
        [
            "content/roles/familie/flow.yaml:5: option 'barn' is listed twice in question 'alder'",
            "content/roles/familie/nb/questions/alder.md:5: option 'ungdom' is not an option of question 'alder' in flow.yaml",
        ],
    ),
    (
        "a key written twice",
        ALDER,
        "title: Hvor gammel er barnet?",
        "title: Hvor gammel er barnet?\ntitle: Hvor gammel?",
        ["content/roles/familie/nb/questions/alder.md:3: 'title' is written twice (first at line 2)"],
    ),
    (
        "an advice block that no answers can show",
        FLOW,
        "when: {question: hindring, any_of: [penger, utstyr]}",
        "when: {all: [{question: hindring, equals: ingen}, {question: hindring, equals: penger}]}",
        ["content/roles/familie/flow.yaml:20: advice 'spor-nav' is never shown: no answers make its condition true"],
    ),
    (
        "a link with a forbidden scheme",
        ADVICE,
        "[Ungfritid](https://ungfritid.no)",
        "[Ungfritid](javascript:alert(1))",
        [
            "content/roles/familie/nb/advice/finn-aktivitet.md:5: the link 'javascript:alert(1)' is not allowed: links must start with https://, http://, mailto: or tel:"
        ],
    ),
    (
        "an option without a label",
        ALDER,
        "  barn: Under 13 år\n",
        "",
        ["content/roles/familie/nb/questions/alder.md:4: option 'barn' has no label here"],
    ),
    (
        "a missing text file",
        "roles/familie/nb/advice/fortsett.md",
        None,
        None,
        ["content/roles/familie/nb/advice/fortsett.md:1: this file is missing"],
    ),
    (
        "raw HTML in the text",
        ADVICE,
        "Tekst for finn-aktivitet.",
        "Tekst for <b>finn-aktivitet</b>.",
        [
            "content/roles/familie/nb/advice/finn-aktivitet.md:5: raw HTML is not allowed in the text (</b>)",
            "content/roles/familie/nb/advice/finn-aktivitet.md:5: raw HTML is not allowed in the text (<b>)",
        ],
    ),
    (
        "a heading too big for an advice block",
        ADVICE,
        "Tekst for finn-aktivitet.",
        "## Overskrift\n\nTekst.",
        [
            "content/roles/familie/nb/advice/finn-aktivitet.md:5: a heading with ## is too big here: start headings with ###"
        ],
    ),
    (
        "an invalid id",
        FLOW,
        "  - id: alder",
        "  - id: Alder",
        [
            "content/roles/familie/flow.yaml:3: the question id 'Alder' is not a valid id: use lower-case letters a-z, digits and hyphens"
        ],
    ),
    (
        "an unknown question type",
        FLOW,
        "type: multiple",
        "type: multi",
        ["content/roles/familie/flow.yaml:13: unknown question type 'multi' (use single, multiple or municipality)"],
    ),
    (
        "same naming an option the question does not have",
        FLOW,
        "    options: [barn, ungdom]",
        "    options: [barn, ungdom]\n    same: [barn, voksen]",
        ["content/roles/familie/flow.yaml:6: same names 'voksen', which is not an option of 'alder'"],
    ),
    (
        "same with a single option",
        FLOW,
        "    options: [barn, ungdom]",
        "    options: [barn, ungdom]\n    same: [barn]",
        ["content/roles/familie/flow.yaml:6: same needs at least two options that are meant to give the same result"],
    ),
    (
        "an advice block without its action",
        ADVICE,
        "action: Gjør finn-aktivitet.\n",
        "",
        ["content/roles/familie/nb/advice/finn-aktivitet.md:2: the front matter is missing 'action'"],
    ),
    (
        "an action longer than a line",
        ADVICE,
        "action: Gjør finn-aktivitet.",
        "action: " + "Finn en aktivitet barnet liker, og spør laget når dere kan komme og prøve, hva det koster og hva barnet trenger.",
        [
            "content/roles/familie/nb/advice/finn-aktivitet.md:3: the action is 112 characters long; keep it to one line of at most 100"
        ],
    ),
    (
        "an action written on two lines",
        ADVICE,
        "action: Gjør finn-aktivitet.",
        "action: |\n  Finn en aktivitet.\n  Spør laget.",
        ["content/roles/familie/nb/advice/finn-aktivitet.md:3: the action must be one line: write it on the line after 'action:'"],
    ),
    (
        "an action with a link",
        ADVICE,
        "action: Gjør finn-aktivitet.",
        "action: Søk på [Ungfritid](https://ungfritid.no).",
        [
            "content/roles/familie/nb/advice/finn-aktivitet.md:3: the action is plain text shown as a link to the advice: no links, addresses or formatting"
        ],
    ),
    (
        "local_list naming a list that does not exist",
        FLOW,
        "    options: [barn, ungdom]",
        "    options: [barn, ungdom]\n    local_list: {barn: idrett, ungdom: fotball}",
        [
            "content/roles/familie/flow.yaml:6: local_list names the list 'fotball', which does not exist (lists: barn-og-unge, friluftsliv, idrett, musikk-og-kultur)"
        ],
    ),
    (
        "local_list naming an option the question does not have",
        FLOW,
        "    options: [barn, ungdom]",
        "    options: [barn, ungdom]\n    local_list:\n      barn: idrett\n      voksen: friluftsliv",
        ["content/roles/familie/flow.yaml:8: local_list names 'voksen', which is not an option of 'alder'"],
    ),
    (
        "local_list in a municipality question",
        FLOW,
        "    type: municipality",
        "    type: municipality\n    local_list: {0301: idrett}",
        ["content/roles/familie/flow.yaml:18: a municipality question has no 'local_list'"],
    ),
    (
        "first_when naming an unknown option",
        FLOW,
        "  - id: finn-aktivitet\n",
        "  - id: finn-aktivitet\n    first_when: {question: aktivitet, equals: kanskje}\n",
        [
            "content/roles/familie/flow.yaml:20: the condition names option 'kanskje', which question 'aktivitet' does not have"
        ],
    ),
]


def _check(content_dir: Path, *flags: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(content_command, ["check", *flags], env={"VEILEDER_CONTENT_DIR": str(content_dir)})
    return result.exit_code, result.stdout.splitlines()


def test_valid_content_passes_with_a_summary_line_per_role(content_copy):
    code, lines = _check(content_copy)
    assert code == 0
    assert lines == ["familie: 4 questions, 3 advice blocks, 10 paths, 4 distinct outcomes: OK"]


def test_the_real_content_passes_the_strict_check():
    code, lines = _check(Path(__file__).parents[2] / "content", "--strict")
    assert code == 0
    assert [line for line in lines if not line.endswith(": OK")] == []


DEAD_OPTION = "content/roles/familie/flow.yaml:14: warning: ticking option 'usikker' of question 'hindring' never changes the route or the advice (remove it, or let a condition use it)"
SAME_OPTIONS = "content/roles/familie/flow.yaml:5: warning: options 'barn' and 'ungdom' of question 'alder' give the same route and the same advice on every path (merge them, or write same: [barn, ungdom] if that is meant)"


def test_an_option_that_changes_nothing_is_a_warning_that_only_strict_makes_fail(content_copy):
    replace_in(content_copy / FLOW, "options: [penger, utstyr, ingen]", "options: [penger, utstyr, usikker, ingen]")
    replace_in(
        content_copy / "roles/familie/nb/questions/hindring.md", "  ingen:", "  usikker: Barnet er usikkert\n  ingen:"
    )
    code, lines = _check(content_copy)
    assert (code, lines) == (
        0,
        [DEAD_OPTION, "familie: 4 questions, 3 advice blocks, 18 paths, 4 distinct outcomes: 1 warning(s)"],
    )
    assert _check(content_copy, "--strict") == (1, lines)


def test_two_options_with_the_same_result_warn_unless_the_flow_says_they_are_meant_to_be(content_copy):
    replace_in(content_copy / FLOW, "        - not: {question: alder, equals: barn}\n", "")
    code, lines = _check(content_copy)
    assert (code, lines[0]) == (0, SAME_OPTIONS)
    replace_in(
        content_copy / FLOW, "    options: [barn, ungdom]", "    options: [barn, ungdom]\n    same: [barn, ungdom]"
    )
    assert _check(content_copy, "--strict")[0] == 0


@pytest.mark.parametrize(("name", "file", "old", "new", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_mistake_is_reported_with_file_and_line(content_copy, name, file, old, new, expected):
    path = content_copy / file
    if old is None:
        path.unlink()
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the fixture no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, lines = _check(content_copy)
    assert code == 1
    assert lines == expected


# (what is wrong, the file under content/kommuner/, its text, the exact lines the checker must print)
LOCAL_CASES = [
    (
        "a file for a number that is no municipality",
        "9999.md",
        "---\ncontact:\n  name: Kontakt\n  url: https://example.org\n---\n",
        [
            "content/kommuner/9999.md:1: '9999' is not a municipality number in kommuner.csv (name the file e.g. 5612.md)"
        ],
    ),
    (
        "an entry for a role that does not exist",
        "5612.md",
        "---\noffers:\n  - name: Fritidskassa\n    url: https://example.org\n    roles: [foreldre]\n---\n",
        ["content/kommuner/5612.md:5: roles names 'foreldre', which is not a role (roles: familie)"],
    ),
    (
        "an entry without a name",
        "5612.md",
        "---\ncontact:\n  url: https://example.org\n---\n",
        ["content/kommuner/5612.md:3: the contact is missing 'name'"],
    ),
    (
        "an entry with no way to get in touch",
        "5612.md",
        "---\nvolunteer_centre:\n  name: Frivilligsentralen\n---\n",
        ["content/kommuner/5612.md:3: the volunteer centre needs a url, an email or a phone number"],
    ),
    (
        "a link with a forbidden scheme",
        "5612.md",
        "---\nleisure_declaration:\n  name: Fritidserklæring\n  url: javascript:alert(1)\n---\n",
        ["content/kommuner/5612.md:4: the url must start with https:// or http:// ('javascript:alert(1)')"],
    ),
    (
        "a malformed e-mail address and phone number",
        "5612.md",
        "---\ncontact:\n  name: Kontakt\n  email: kontakt(at)example.org\n  phone: ring oss\n---\n",
        [
            "content/kommuner/5612.md:4: the email is not an e-mail address ('kontakt(at)example.org')",
            "content/kommuner/5612.md:5: the phone number should be digits and spaces, such as 12 34 56 78 ('ring oss')",
        ],
    ),
    (
        "an age range backwards",
        "5612.md",
        "---\noffers:\n  - name: Klubb\n    url: https://example.org\n    ages: 18-6\n---\n",
        ["content/kommuner/5612.md:5: ages should be a range such as 6-18, not '18-6'"],
    ),
    (
        "an unknown key",
        "5612.md",
        "---\ncontakt:\n  name: Kontakt\n  url: https://example.org\n---\n",
        ["content/kommuner/5612.md:2: unknown key 'contakt' in the front matter (did you mean 'contact'?)"],
    ),
    (
        "a former name that leads to no municipality",
        "tidligere_navn.csv",
        "tidligere_navn,tidligere_nummer,kommunenummer,endret\nSauherad,0822,4020,2020-01-01\n",
        ["content/kommuner/tidligere_navn.csv:2: '4020' is not a municipality number in kommuner.csv"],
    ),
    (
        "a former name without its date",
        "tidligere_navn.csv",
        "tidligere_navn,tidligere_nummer,kommunenummer,endret\nGammel,0999,5612,\n",
        [
            "content/kommuner/tidligere_navn.csv:2: expected a name, a four-digit former number and a date "
            "such as 2020-01-01"
        ],
    ),
    (
        "former names with the wrong header",
        "tidligere_navn.csv",
        "navn,nummer\nGammel,0999\n",
        [
            "content/kommuner/tidligere_navn.csv:1: the first line must be the header "
            "tidligere_navn,tidligere_nummer,kommunenummer,endret"
        ],
    ),
    (
        "a status that is not ja, under-arbeid or nei",
        "5612.md",
        "---\npolicy:\n  status: kanskje\n---\n",
        ["content/kommuner/5612.md:3: status must be ja, under-arbeid or nei, not 'kanskje'"],
    ),
    (
        "a policy without its status",
        "5612.md",
        "---\npolicy:\n  url: https://example.org/politikk\n---\n",
        ["content/kommuner/5612.md:3: the policy is missing 'status'"],
    ),
    (
        "a leisure declaration with neither status nor name",
        "5612.md",
        "---\nleisure_declaration:\n  url: https://example.org/erklaering\n---\n",
        ["content/kommuner/5612.md:3: the leisure declaration needs a status (ja, under-arbeid or nei) or a name"],
    ),
    (
        "a date confirmed that is no date",
        "5612.md",
        "---\ncontact:\n  name: Kontakt\n  email: a@example.org\n  confirmed: 31.03.2025\n---\n",
        ["content/kommuner/5612.md:5: confirmed should be a date written as 2025-03-31, not '31.03.2025'"],
    ),
    (
        "a date confirmed in the future",
        "5612.md",
        "---\ncontact:\n  name: Kontakt\n  email: a@example.org\n  confirmed: 2999-01-01\n---\n",
        ["content/kommuner/5612.md:5: confirmed is a date in the future (2999-01-01)"],
    ),
    (
        "a volunteer centre in a list without a name",
        "5612.md",
        "---\nvolunteer_centre:\n  - name: Nord\n    url: https://example.org/nord\n  - url: https://example.org/sor\n---\n",
        ["content/kommuner/5612.md:5: the volunteer centre is missing 'name'"],
    ),
]


@pytest.mark.parametrize(("name", "file", "text", "expected"), LOCAL_CASES, ids=[case[0] for case in LOCAL_CASES])
def test_each_mistake_in_a_local_entry_is_reported(content_copy, name, file, text, expected):
    (content_copy / "kommuner" / file).write_text(text, encoding="utf-8")
    code, lines = _check(content_copy)
    assert (code, lines) == (1, expected)


def test_former_names_and_a_readme_beside_the_list_pass(content_copy):
    folder = content_copy / "kommuner"
    (folder / "tidligere_navn.csv").write_text(
        "tidligere_navn,tidligere_nummer,kommunenummer,endret\nGuovdageaidnu - Gammel,2011,5612,2020-01-01\n",
        encoding="utf-8",
    )
    (folder / "README.md").write_text("# Where the lists come from\n", encoding="utf-8")
    assert _check(content_copy)[0] == 0


def test_a_valid_local_entry_passes(content_copy):
    (content_copy / "kommuner" / "5612.md").write_text(
        "---\ncontact:\n  name: Kontakt\n  email: frivillig@example.org\n"
        "offers:\n  - name: Klubb\n    url: https://example.org\n    roles: [familie]\n    ages: 6-18\n---\nLitt tekst.\n",
        encoding="utf-8",
    )
    assert _check(content_copy)[0] == 0


def test_entries_with_status_person_source_and_several_volunteer_centres_pass(content_copy):
    (content_copy / "kommuner" / "5612.md").write_text(
        "---\ncontact:\n  name: Frivillighetskoordinator\n  person: Kari Nordmann\n  phone: 12 34 56 78\n"
        "  source: Kautokeino kommune\n  confirmed: '2025-03-31'\n"
        "policy:\n  status: under-arbeid\n  confirmed: 2025-03-31\n"
        "leisure_declaration:\n  status: nei\n"
        "volunteer_centre:\n  - name: Nord\n    url: https://example.org/nord\n"
        "  - name: Sør\n    email: sor@example.org\n---\n",
        encoding="utf-8",
    )
    assert _check(content_copy)[0] == 0


# Translations carry text only: they must agree with the structure in flow.yaml.
TRANSLATION_CASES = [
    (
        "an option id the flow does not have",
        "roles/familie/nn/questions/alder.md",
        "---\ntitle: Kor gammalt er barnet?\noptions:\n  barn: Under 13 år\n  ungdom: 13 år eller eldre\n  vaksen: Vaksen\n---\n",
        [
            "content/roles/familie/nn/questions/alder.md:6: option 'vaksen' is not an option of question 'alder' in flow.yaml"
        ],
    ),
    (
        "an option id missing",
        "roles/familie/en/questions/alder.md",
        "---\ntitle: How old is the child?\noptions:\n  barn: Under 13\n---\n",
        ["content/roles/familie/en/questions/alder.md:4: option 'ungdom' has no label here"],
    ),
    (
        "a text for a question the flow does not have",
        "roles/familie/en/questions/age.md",
        "---\ntitle: How old is the child?\noptions:\n  barn: Under 13\n  ungdom: 13 or older\n---\n",
        [
            "content/roles/familie/en/questions/age.md:1: there is no question 'age' in flow.yaml for this file (file names must be the id plus .md)"
        ],
    ),
]


@pytest.mark.parametrize(("name", "file", "text", "expected"), TRANSLATION_CASES, ids=[c[0] for c in TRANSLATION_CASES])
def test_a_translation_that_disagrees_with_the_structure_is_reported(content_copy, name, file, text, expected):
    path = content_copy / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert _check(content_copy) == (1, expected)


def test_the_translations_report_lists_what_is_missing(content_copy):
    english = content_copy / "roles" / "familie" / "en"
    english.mkdir()
    (english / "role.md").write_text("---\nname: Family\nsummary: For families.\n---\nIntro.\n", encoding="utf-8")
    result = CliRunner().invoke(content_command, ["translations"], env={"VEILEDER_CONTENT_DIR": str(content_copy)})
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0] == "nn: 0 % translated (0 of 13)"
    english_report = lines[lines.index("en: 7 % translated (1 of 13)") :]
    assert "  missing: content/roles/familie/en/questions/alder.md" in english_report
    assert "  missing: content/roles/familie/en/role.md" not in english_report
    assert "  missing: content/site/en/links.md: ungfritid" in english_report


def test_a_local_list_needs_a_municipality_question_in_the_role():
    flow = (
        "questions:\n"
        "  - id: interesse\n"
        "    type: single\n"
        "    options: [idrett, annet]\n"
        "    local_list: {idrett: idrett, annet: barn-og-unge}\n"
        "advice:\n"
        "  - id: alle\n"
    )
    _, problems = read_flow("ungdom", flow, "flow.yaml", (), CATEGORIES)
    assert [str(problem) for problem in problems] == [
        "flow.yaml:2: local_list in question 'interesse' needs a municipality question in the role: "
        "the lists are of organisations in the municipality the visitor chooses"
    ]
