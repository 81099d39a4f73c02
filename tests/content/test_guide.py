"""Every example in CONTENT.md works: it is applied to a practice copy of the content and checked.

How the guide marks its examples
--------------------------------
A fenced block's info string says what the block is. The first word is the language, as usual; the
words after it are read here (Markdown viewers show only the language):

    ```yaml example=add-question file=roles/forelder/flow.yaml before="  - id: kommune"

- ``example=NAME``: the block belongs to the example NAME. An example's blocks are applied in the
  order they appear in the guide, to a fresh copy of tests/fixtures/minimal/content whose one role
  is renamed ``forelder`` (the guide talks about the first real role; the examples therefore rely
  only on what both have: the question ``aktivitet`` with options ``ja`` and ``nei``, the last
  question ``kommune``, ``questions:`` and ``advice:``, and the municipality 5612).
- ``file=PATH``: the file under content/ that the block goes into, and how:
  nothing more (the block is the whole file), ``before="LINE"`` or ``after="LINE"`` (insert the block
  above or below the first line that is exactly LINE), ``item="LINE"`` (the block replaces the YAML
  list item that starts with LINE), or ``replace="TEXT"`` (the block replaces the first TEXT).
  ``from=OLD`` as well: the file OLD is removed (the block is a file saved under the wrong name).
- ``needs=OTHER``: apply the example OTHER first.
- ``stub-texts``: the example is a whole flow.yaml: start with no question or advice texts for the
  role, and write a placeholder text for each one the example does not write itself.
- ```` ```text example=NAME output ````: what `flask --app veileder content check` prints, exactly, for
  the mistake the example makes. An example without one must check clean.
- ```` ```text example=NAME output warning ````: the example is no mistake but gets these warnings,
  exactly: `check` passes and prints them, `check --strict` fails.

The examples of tasks (every example whose name does not start with ``reference-``) must also check
clean when applied to a copy of the real content: an editor following the steps there succeeds.

``sh`` blocks hold commands, each of which must run without error on the practice copy (the inbox
commands with a database that holds the guide's submission 12); ``text``
blocks without ``example`` are illustrations (the folder tree). Any other block fails the test, so
that no example goes untested.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import MINIMAL, migrated_database
from veileder.cli import content as content_command
from veileder.inbox.cli import inbox as inbox_command
from veileder.store.database import Store
from veileder.store.models import Submission

ROOT = Path(__file__).parent.parent.parent
GUIDE = ROOT / "CONTENT.md"
ROLE = "forelder"

FENCE = re.compile(r"^(?P<indent> *)```(?P<info>.*)$")


@dataclass
class Block:
    line: int
    language: str
    attrs: dict[str, str]
    text: str


@dataclass
class Example:
    name: str
    blocks: list[Block] = field(default_factory=list)
    output: list[str] | None = None
    warns: bool = False

    @property
    def needs(self) -> str | None:
        return next((b.attrs["needs"] for b in self.blocks if "needs" in b.attrs), None)


def read_blocks(text: str) -> list[Block]:
    """Every fenced block, with its indentation (inside a numbered step) taken off."""
    blocks = []
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        number += 1
        if not opening:
            continue
        indent = opening["indent"]
        words = shlex.split(opening["info"])
        body = []
        while lines[number].strip() != "```":
            body.append(lines[number].removeprefix(indent))
            number += 1
        number += 1
        attrs = dict(word.split("=", 1) if "=" in word else (word, "") for word in words[1:])
        blocks.append(Block(number - len(body) - 1, words[0] if words else "", attrs, "\n".join(body) + "\n"))
    return blocks


BLOCKS = read_blocks(GUIDE.read_text(encoding="utf-8"))


def read_examples(blocks: list[Block]) -> dict[str, Example]:
    examples: dict[str, Example] = {}
    for block in blocks:
        if "example" not in block.attrs:
            continue
        example = examples.setdefault(block.attrs["example"], Example(block.attrs["example"]))
        if "output" in block.attrs:
            example.output = block.text.splitlines()
            example.warns = "warning" in block.attrs
        else:
            example.blocks.append(block)
    return examples


EXAMPLES = read_examples(BLOCKS)


def practice_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    (target / "roles" / "familie").rename(target / "roles" / ROLE)
    return target


def apply(example: Example, content: Path) -> None:
    if example.needs:
        apply(EXAMPLES[example.needs], content)
    for block in example.blocks:
        path = content / block.attrs["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_changed(path, block), encoding="utf-8")
        if "from" in block.attrs:
            (content / block.attrs["from"]).unlink()


def _changed(path: Path, block: Block) -> str:
    attrs = block.attrs
    how = [key for key in ("before", "after", "item", "replace") if key in attrs]
    if not how:
        return block.text
    text = path.read_text(encoding="utf-8")
    anchor = attrs[how[0]]
    where = f"line {block.line} of CONTENT.md: {path.name} has no {anchor!r}"
    if how[0] == "replace":
        assert anchor in text, where
        return text.replace(anchor, block.text.rstrip("\n"), 1)
    lines = text.splitlines(keepends=True)
    assert anchor in [line.rstrip("\n") for line in lines], where
    start = [line.rstrip("\n") for line in lines].index(anchor)
    if how[0] == "before":
        return "".join([*lines[:start], block.text, *lines[start:]])
    if how[0] == "after":
        return "".join([*lines[: start + 1], block.text, *lines[start + 1 :]])
    dash = len(anchor) - len(anchor.lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > dash):
        end += 1
    return "".join([*lines[:start], block.text, *lines[end:]])


def uses_stubs(example: Example) -> bool:
    return any("stub-texts" in b.attrs for b in example.blocks) or (
        example.needs is not None and uses_stubs(EXAMPLES[example.needs])
    )


def clear_texts(content: Path) -> None:
    for kind in ("questions", "advice"):
        shutil.rmtree(content / "roles" / ROLE / "nb" / kind)


def write_stub_texts(content: Path) -> None:
    """A placeholder text for each question and advice in flow.yaml that has none."""
    role = content / "roles" / ROLE
    flow = yaml.safe_load((role / "flow.yaml").read_text(encoding="utf-8"))
    for question in flow["questions"]:
        path = role / "nb" / "questions" / f"{question['id']}.md"
        labels = "".join(f"  {option}: {option}\n" for option in question.get("options", []))
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ntitle: {question['id']}\n{'options:' + chr(10) if labels else ''}{labels}---\n")
    for block in flow["advice"]:
        path = role / "nb" / "advice" / f"{block['id']}.md"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ntitle: {block['id']}\naction: Gjør noe.\n---\nTekst.\n")


def run(args: list[str], content: Path):
    return CliRunner().invoke(content_command, args, env={"VEILEDER_CONTENT_DIR": str(content)})


@pytest.fixture
def practice(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return practice_copy(tmp_path)


def prepared(example: Example, content: Path) -> Path:
    if uses_stubs(example):
        clear_texts(content)
    apply(example, content)
    if uses_stubs(example):
        write_stub_texts(content)
    return content


def test_the_guide_has_examples_and_the_walkthrough():
    assert len(EXAMPLES) >= 20
    assert "add-question" in EXAMPLES
    assert any(example.output for example in EXAMPLES.values())
    assert WARNINGS


@pytest.mark.parametrize("block", BLOCKS, ids=[f"line {b.line}" for b in BLOCKS])
def test_every_block_in_the_guide_is_a_tested_example_a_command_or_an_illustration(block):
    if block.language in ("yaml", "markdown", "csv"):
        assert "example" in block.attrs and "file" in block.attrs, "an example needs example=NAME and file=PATH"
    elif block.language == "text":
        assert "output" in block.attrs or "example" not in block.attrs
    else:
        assert block.language == "sh", f"unknown kind of block {block.language!r}: use yaml, markdown, sh or text"
    known = {
        "example",
        "file",
        "before",
        "after",
        "item",
        "replace",
        "from",
        "needs",
        "stub-texts",
        "output",
        "warning",
    }
    assert set(block.attrs) <= known
    if "needs" in block.attrs:
        assert block.attrs["needs"] in EXAMPLES


#: Examples that check without problems; those with a `warning` output print warnings as they do.
VALID = [name for name, example in EXAMPLES.items() if example.output is None or example.warns]
MISTAKES = [name for name, example in EXAMPLES.items() if example.output is not None and not example.warns]
WARNINGS = [name for name, example in EXAMPLES.items() if example.warns]


@pytest.mark.parametrize("name", VALID)
def test_each_example_checks_clean(practice, name):
    result = run(["check"], prepared(EXAMPLES[name], practice))
    assert result.exit_code == 0, result.output


#: The tasks an editor follows step by step (not the format reference) work on the real content too.
TASKS = [name for name in VALID if not name.startswith("reference-")]


@pytest.mark.parametrize("name", TASKS)
def test_each_task_also_works_on_the_real_content(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    apply(EXAMPLES[name], tmp_path / "content")
    result = run(["check"], tmp_path / "content")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_gives_exactly_the_messages_the_guide_shows(practice, name):
    example = EXAMPLES[name]
    result = run(["check"], prepared(example, practice))
    assert (result.exit_code, result.stdout.splitlines()) == (1, example.output)


@pytest.mark.parametrize("name", WARNINGS)
def test_each_warning_is_printed_as_the_guide_shows_and_fails_only_the_strict_check(practice, name):
    example = EXAMPLES[name]
    content = prepared(example, practice)
    result = run(["check"], content)
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert (result.exit_code, warnings) == (0, example.output)
    assert run(["check", "--strict"], content).exit_code == 1


def test_declaring_the_options_the_same_answers_the_warning(practice):
    result = run(["check", "--strict"], prepared(EXAMPLES["declare-same"], practice))
    assert result.exit_code == 0, result.output
    assert ": warning: " not in result.stdout


def test_letting_the_options_choose_a_local_list_answers_the_warnings(practice):
    result = run(["check", "--strict"], prepared(EXAMPLES["add-local-list"], practice))
    assert result.exit_code == 0, result.output
    assert ": warning: " not in result.stdout


COMMANDS = [
    line.split("#")[0].strip()
    for block in BLOCKS
    if block.language == "sh"
    for line in block.text.splitlines()
    if line.split("#")[0].strip()
]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_in_the_guide_runs(practice, command):
    words = shlex.split(command)
    if words[0] == "make":
        makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
        assert re.search(rf"^{words[1]}:", makefile, re.MULTILINE), f"the Makefile has no target {words[1]}"
        return
    if words[:4] == ["flask", "--app", "veileder", "inbox"]:
        result = run_inbox(words[4:], practice)
    else:
        assert words[:4] == ["flask", "--app", "veileder", "content"], command
        result = run(words[4:], practice)
    assert result.exit_code == 0, result.output


def run_inbox(args: list[str], content: Path):
    """An inbox command on a database holding submission 12 (the guide's example) for Kautokeino."""
    database = migrated_database(content.parent)
    store = Store(database)
    with store.session() as session:
        session.add(
            Submission(
                id=12,
                language="nb",
                municipality="5612",
                contact_function="Frivillighetskoordinator",
                contact_email="frivillig@example.org",
                sender_email="kari@example.org",
            )
        )
    store.dispose()
    env = {"VEILEDER_CONTENT_DIR": str(content), "VEILEDER_DATABASE_URL": database}
    return CliRunner().invoke(inbox_command, args, env=env)


def test_the_walkthrough_shows_in_the_diagram_and_the_content_book(practice):
    content = prepared(EXAMPLES["add-question"], practice)
    graph = run(["graph", ROLE], content)
    assert graph.exit_code == 0
    assert '  q_venn["Vil barnet gjerne ha med seg en venn?<br/><small>venn</small>"]' in graph.stdout
    assert "  q_venn -->|" in graph.stdout
    assert 'a_ta_med_en_venn["Spør om barnet kan ta med en venn' in graph.stdout
    assert "når: venn: «Ja»" in graph.stdout
    book = run(["book"], content)
    assert book.exit_code == 0
    text = (practice.parent / "build" / "book" / f"{ROLE}.nb.md").read_text(encoding="utf-8")
    assert "Vil barnet gjerne ha med seg en venn?" in text
    assert "### 1. Spør om barnet kan ta med en venn\n" in text
    assert 'Vises når: "Vil barnet gjerne ha med seg en venn?" er besvart med "Ja"\n' in text


def test_a_translation_example_counts_in_the_translations_report(practice):
    content = prepared(EXAMPLES["add-translation"], practice)
    report = run(["translations"], content).stdout
    assert "  missing: content/roles/forelder/nn/questions/venn.md" not in report
    assert "  missing: content/roles/forelder/nn/questions/aktivitet.md" in report


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_inside_the_guide_leads_to_a_heading():
    text = GUIDE.read_text(encoding="utf-8")
    outside_blocks = re.sub(r"^ *```.*?^ *```$", "", text, flags=re.MULTILINE | re.DOTALL)
    anchors = {_slug(line.lstrip("#")) for line in outside_blocks.splitlines() if line.startswith("#")}
    links = set(re.findall(r"\]\(#([^)]+)\)", outside_blocks))
    assert links
    assert links - anchors == set()
