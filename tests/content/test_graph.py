"""`flask content graph`: each role's flow as a valid Mermaid flowchart, and docs/flows kept up to date."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import replace_in
from veileder.cli import content as content_command
from veileder.config import content_dir
from veileder.content import load_content
from veileder.content.graph import WRITE_COMMAND, flow_document, flow_document_name, mermaid

DOCS = Path(__file__).parent.parent.parent / "docs" / "flows"

# The Mermaid this module writes, line by line. Labels are always quoted, and contain no quote.
LABEL = r'"[^"]*"'
NODE = re.compile(rf"  (?P<id>\w+)(\[{LABEL}\]|\(\[{LABEL}\]\))")
EDGE = re.compile(rf"  (?P<source>\w+) -->(\|{LABEL}\|)? (?P<target>\w+)")
SUBGRAPH = re.compile(rf"  subgraph (?P<id>\w+)\[{LABEL}\]")
OTHER = {"flowchart TD", "    direction LR", "  end"}


def assert_valid_mermaid(text: str) -> None:
    """Every line is a statement Mermaid reads, and every arrow joins two things that exist."""
    declared: set[str] = set()
    edges: list[tuple[str, str]] = []
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    for line in lines:
        node = NODE.fullmatch(line.removeprefix("  ")) or NODE.fullmatch(line) or SUBGRAPH.fullmatch(line)
        edge = EDGE.fullmatch(line)
        assert node or edge or line in OTHER or line.startswith("%% "), f"not valid Mermaid: {line!r}"
        if node:
            declared.add(node["id"])
        if edge:
            edges.append((edge["source"], edge["target"]))
    assert edges
    assert all(source in declared and target in declared for source, target in edges)


def _graph(content: Path, *args: str):
    return CliRunner().invoke(content_command, ["graph", *args], env={"VEILEDER_CONTENT_DIR": str(content)})


def test_questions_are_nodes_with_title_and_id_and_options_label_the_arrows(content_copy):
    result = _graph(content_copy, "familie")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "%% familie"
    assert_valid_mermaid("\n".join(lines[1:]))
    assert '  q_alder["Hvor gammel er barnet?<br/><small>alder</small>"]' in lines
    assert '  q_kommune["Hvor bor dere?<br/><small>kommune</small>"]' in lines
    assert '  result(["Resultat"])' in lines
    # Every option of a question without branching goes the same way: one arrow with all of them.
    assert '  q_alder -->|"Under 13 år<br/>13 år eller eldre"| q_aktivitet' in lines
    # A single choice that branches: each option's own arrow.
    assert '  q_aktivitet -->|"Ja"| q_kommune' in lines
    assert '  q_aktivitet -->|"Nei"| q_hindring' in lines
    assert "  q_kommune --> result" in lines


def test_the_result_lists_each_advice_block_and_when_it_shows(content_copy):
    lines = _graph(content_copy).stdout.splitlines()
    assert (
        '    a_finn_aktivitet["Råd finn-aktivitet<br/><small>finn-aktivitet</small><br/><i>når: alltid</i>"]' in lines
    )
    assert (
        '    a_spor_nav["Råd spor-nav<br/><small>spor-nav</small><br/><i>når: hindring: «Penger» eller «Utstyr»</i>"]'
        in lines
    )
    assert "når: aktivitet: «Ja» eller alder: ikke «Under 13 år»" in lines[lines.index("    direction LR") + 3]
    assert lines[-1] == "  result --> advice"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ['  result(["Result"])', '  subgraph advice["Advice on the result page"]', "when: always", " or "]),
        ("nn", ['  result(["Resultat"])', '  subgraph advice["Råd på resultatsida"]', "når: alltid", "ikkje"]),
    ],
)
def test_the_diagram_is_drawn_in_the_language_asked_for(content_copy, lang, expected):
    english = content_copy / "roles/familie/en/questions"
    english.mkdir(parents=True)
    (english / "alder.md").write_text(
        "---\ntitle: How old is the child?\noptions:\n  barn: Under 13\n  ungdom: 13 or older\n---\n", encoding="utf-8"
    )
    result = _graph(content_copy, "familie", "--lang", lang)
    assert result.exit_code == 0
    assert_valid_mermaid(result.stdout.split("\n", 1)[1])
    for part in expected:
        assert part in result.stdout
    if lang == "en":
        assert '  q_alder["How old is the child?<br/><small>alder</small>"]' in result.stdout
        assert "alder: not «Under 13»" in result.stdout
        assert "Penger" in result.stdout  # a text not yet in English: in bokmål
        assert " eller " not in result.stdout and "ikke" not in result.stdout


def test_options_that_go_to_the_same_question_share_one_arrow(content_copy):
    replace_in(
        content_copy / "roles/familie/flow.yaml",
        "    options: [ja, nei]\n",
        "    options: [ja, nei, kanskje]\n",
    )
    replace_in(
        content_copy / "roles/familie/nb/questions/aktivitet.md", "  nei: Nei\n", "  nei: Nei\n  kanskje: Kanskje\n"
    )
    lines = _graph(content_copy).stdout.splitlines()
    assert '  q_aktivitet -->|"Nei<br/>Kanskje"| q_hindring' in lines


def test_a_multiple_choice_question_has_an_arrow_per_rule_and_one_for_the_rest(content_copy):
    replace_in(
        content_copy / "roles/familie/flow.yaml",
        "    exclusive: [ingen]\n",
        "    exclusive: [ingen]\n    next:\n      - when: {question: hindring, any_of: [penger, utstyr]}\n"
        "        goto: result\n",
    )
    result = _graph(content_copy)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert '  q_hindring -->|"«Penger» eller «Utstyr»"| result' in lines
    assert '  q_hindring -->|"ellers"| q_kommune' in lines


def test_a_rule_about_several_questions_is_labelled_with_its_condition(content_copy):
    replace_in(
        content_copy / "roles/familie/flow.yaml",
        "      - when: {question: aktivitet, equals: ja}",
        "      - when: {all: [{question: aktivitet, equals: ja}, {not: {question: alder, equals: barn}}]}",
    )
    lines = _graph(content_copy).stdout.splitlines()
    assert '  q_aktivitet -->|"«Ja» og alder: ikke «Under 13 år»"| q_kommune' in lines
    assert '  q_aktivitet -->|"ellers"| q_hindring' in lines


def test_quotes_brackets_and_markup_in_a_title_cannot_break_the_diagram(content_copy):
    replace_in(
        content_copy / "roles/familie/nb/questions/alder.md",
        "title: Hvor gammel er barnet?",
        "title: 'Er «barnet» \"lite\" [under 13] <b>#1</b> | a; b `c`?'",
    )
    replace_in(content_copy / "roles/familie/nb/questions/alder.md", "  barn: Under 13 år", "  barn: '\"Barn\" [0-12]'")
    result = _graph(content_copy)
    assert result.exit_code == 0, result.output
    text = result.stdout.split("\n", 1)[1]
    assert_valid_mermaid(text)
    assert (
        '  q_alder["Er «barnet» #quot;lite#quot; [under 13] #lt;b#gt;#35;1#lt;/b#gt; #124; a#59; b #96;c#96;?'
        '<br/><small>alder</small>"]'
    ) in text.splitlines()
    assert '-->|"#quot;Barn#quot; [0-12]<br/>13 år eller eldre"|' in text


def test_write_puts_one_markdown_file_per_role_in_the_folder(content_copy):
    result = _graph(content_copy, "--write", "docs/flows")
    assert result.exit_code == 0
    assert result.stdout == "wrote docs/flows/familie.md\n"
    written = (content_copy.parent / "docs" / "flows" / "familie.md").read_text(encoding="utf-8")
    heading, _, rest = written.partition("\n")
    assert heading == "# familie: Familie"
    assert "```mermaid\nflowchart TD\n" in rest
    assert rest.endswith("  result --> advice\n```\n")


def test_an_unknown_role_or_broken_content_is_refused(content_copy):
    unknown = _graph(content_copy, "foreldre")
    assert unknown.exit_code == 2
    assert unknown.stderr == "Unknown role 'foreldre'. Roles: familie\n"
    replace_in(content_copy / "roles/familie/flow.yaml", "goto: kommune", "goto: kommmune")
    broken = _graph(content_copy)
    assert broken.exit_code == 1
    assert "content check" in broken.stderr


REAL = load_content(content_dir({}))


@pytest.mark.parametrize("role_id", list(REAL.roles))
def test_every_real_role_gives_a_valid_diagram(role_id):
    assert_valid_mermaid(mermaid(REAL.roles[role_id]))


def test_docs_flows_match_the_content():
    """docs/flows is generated; when the content changes, regenerate it."""
    hint = f"docs/flows is out of date with content/: run `{WRITE_COMMAND}` and commit the result"
    expected = {flow_document_name(role): flow_document(role) for role in REAL.roles.values()}
    found = {path.name: path.read_text(encoding="utf-8") for path in sorted(DOCS.glob("*.md"))}
    stale = sorted(set(found) - set(expected))
    assert not stale, f"docs/flows has files for roles that no longer exist: delete {', '.join(stale)}"
    missing = sorted(set(expected) - set(found))
    assert not missing, f"{hint} ({', '.join(missing)} missing)"
    different = sorted(name for name in expected if found[name] != expected[name])
    assert not different, f"{hint} ({', '.join(different)} differ)"
