"""`flask content book`: a readable document per role and language for reviewers who will not read
front matter: every question, option and advice, and in plain words when each advice shows."""

from pathlib import Path

from click.testing import CliRunner

from tests.conftest import replace_in
from veileder.cli import content as content_command

FLOW = "roles/familie/flow.yaml"


def _book(content: Path, *args: str):
    return CliRunner().invoke(content_command, ["book", *args], env={"VEILEDER_CONTENT_DIR": str(content)})


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _read_book(content: Path, name: str) -> str:
    result = _book(content)
    assert result.exit_code == 0, result.output
    return (content.parent / "build" / "book" / name).read_text(encoding="utf-8")


def test_one_document_per_role_and_language_in_build_book(content_copy):
    result = _book(content_copy)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "wrote build/book/familie.nb.md",
        "wrote build/book/familie.nn.md",
        "wrote build/book/familie.en.md",
    ]
    assert sorted(p.name for p in (content_copy.parent / "build" / "book").iterdir()) == [
        "familie.en.md",
        "familie.nb.md",
        "familie.nn.md",
    ]


def test_out_chooses_the_folder(content_copy):
    result = _book(content_copy, "--out", "review")
    assert result.exit_code == 0
    assert (content_copy.parent / "review" / "familie.nb.md").is_file()


def test_the_role_and_every_question_with_its_hint_and_options_and_where_each_leads(content_copy):
    book = _read_book(content_copy, "familie.nb.md")
    assert book.startswith("# Familie\n")
    assert "*For deg som har barn.*\n\nSvar på noen spørsmål.\n" in book
    assert (
        "### 2. Går barnet på en aktivitet?\n\n`aktivitet` · Velg ett svar.\n\n*En organisert aktivitet.*\n\n"
        '- **Ja** – videre til "Hvor bor dere?"\n'
        '- **Nei** – videre til "Hva er vanskelig?"\n'
    ) in book
    assert '- **13 år eller eldre** (Ungdom) – videre til "Går barnet på en aktivitet?"\n' in book
    assert (
        "`hindring` · Kryss av for ett eller flere svar.\n\n- **Penger**\n- **Utstyr**\n"
        "- **Ingenting** – kan ikke krysses av sammen med andre svar\n\n"
        'Alle svar går videre til "Hvor bor dere?".\n'
    ) in book
    assert (
        "`kommune` · Velg en kommune fra listen over alle kommuner.\n\nAlle svar går videre til resultatet.\n" in book
    )


def test_every_advice_block_with_its_markdown_and_when_it_shows(content_copy):
    book = _read_book(content_copy, "familie.nb.md")
    advice = book[book.index("## Råd") :]
    assert (
        "### 1. Råd finn-aktivitet\n\n`finn-aktivitet`\n\n*Dette bør du gjøre nå:* Gjør finn-aktivitet.\n\nVises alltid\n\n"
        "Tekst for finn-aktivitet. Se [Ungfritid](https://ungfritid.no).\n"
    ) in advice
    assert 'Vises når: "Penger" eller "Utstyr" er krysset av på "Hva er vanskelig?"\n' in advice
    assert (
        'Vises når: "Går barnet på en aktivitet?" er besvart med "Ja" eller '
        '"Hvor gammel er barnet?" er ikke besvart med "Under 13 år"\n'
    ) in advice


def test_a_condition_of_several_parts_is_a_list_that_must_all_hold(content_copy):
    replace_in(
        content_copy / FLOW,
        "when: {question: hindring, any_of: [penger, utstyr]}",
        "when: {all: [{question: hindring, any_of: [penger, utstyr]}, {question: alder, equals: ungdom}]}",
    )
    book = _read_book(content_copy, "familie.nb.md")
    assert (
        "Vises når alt dette stemmer:\n\n"
        '- "Penger" eller "Utstyr" er krysset av på "Hva er vanskelig?"\n'
        '- "Hvor gammel er barnet?" er besvart med "13 år eller eldre"\n'
    ) in book


def test_rules_after_a_multiple_choice_question_are_listed_in_words(content_copy):
    replace_in(
        content_copy / FLOW,
        "    exclusive: [ingen]\n",
        "    exclusive: [ingen]\n    next:\n      - when: {question: hindring, equals: penger}\n        goto: result\n",
    )
    book = _read_book(content_copy, "familie.nb.md")
    assert (
        'Videre:\n\n- Når "Penger" er krysset av på "Hva er vanskelig?": resultatet\n- Ellers: "Hvor bor dere?"\n'
    ) in book


def test_headings_in_an_advice_text_sit_below_the_advice_title(content_copy):
    _write(
        content_copy / "roles/familie/nb/advice/fortsett.md", "---\ntitle: Fortsett\naction: Fortsett.\n---\n### Slik gjør du\n\nTekst.\n"
    )
    book = _read_book(content_copy, "familie.nb.md")
    assert "### 3. Fortsett\n" in book
    assert "#### Slik gjør du\n\nTekst.\n" in book


def test_a_translation_uses_its_own_texts_and_says_where_it_falls_back_to_bokmal(content_copy):
    english = content_copy / "roles/familie/en"
    _write(
        english / "role.md", "---\nname: Family\nsummary: For you who have children.\n---\nAnswer a few questions.\n"
    )
    _write(
        english / "questions/aktivitet.md",
        "---\ntitle: Does the child take part in an activity?\nhint: An organised one.\n"
        "options:\n  ja: 'Yes'\n  nei: 'No'\n---\n",
    )
    _write(
        english / "advice/spor-nav.md", "---\ntitle: Ask NAV\naction: Ask NAV for help.\n---\nAsk NAV for help. See [NAV](https://www.nav.no).\n"
    )
    book = _read_book(content_copy, "familie.en.md")
    assert book.startswith("# Family\n")
    assert "*For you who have children.*\n\nAnswer a few questions.\n" in book
    assert (
        "### 2. Does the child take part in an activity?\n\n`aktivitet` · Choose one answer.\n\n*An organised one.*\n\n"
        '- **Yes** – on to "Hvor bor dere?"\n'
    ) in book
    assert "### 1. Hvor gammel er barnet? *(not translated yet, shown in bokmål)*\n" in book
    assert (
        "### 2. Ask NAV\n\n`spor-nav`\n\n*What to do now:* Ask NAV for help.\n\n"
        'Shown when: "Penger" or "Utstyr" is ticked for "Hva er vanskelig?"\n\n'
        "Ask NAV for help. See [NAV](https://www.nav.no).\n"
    ) in book
    assert 'Shown when: the answer to "Does the child take part in an activity?" is "Yes" or ' in book
    assert (
        "### 1. Råd finn-aktivitet *(not translated yet, shown in bokmål)*\n\n`finn-aktivitet`\n\n"
        "*What to do now:* Gjør finn-aktivitet.\n\nAlways shown\n"
        in book
    )


def test_nynorsk_words_around_bokmal_texts(content_copy):
    book = _read_book(content_copy, "familie.nn.md")
    assert "Innhaldsboka for rolla `familie` på nynorsk" in book
    assert '- **Ja** – vidare til "Hvor bor dere?"\n' in book
    assert "Blir alltid vist\n" in book


def test_broken_content_writes_nothing(content_copy):
    replace_in(content_copy / FLOW, "goto: kommune", "goto: kommmune")
    result = _book(content_copy)
    assert result.exit_code == 1
    assert "content check" in result.stderr
    assert not (content_copy.parent / "build").exists()
