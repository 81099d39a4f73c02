"""Three languages: the interface catalogs, the content, switching, and falling back to bokmål."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from tests.conftest import MINIMAL
from tests.web.client import CheckingClient
from tests.web.forms import choices, kind, submit_url
from veileder import create_app
from veileder.content import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"


def _catalog(lang: str) -> Catalog:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file)


def _template_ids(path: Path) -> set[str]:
    with path.open("rb") as file:
        return {message.id for message in read_po(file) if message.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalog_is_complete_with_nothing_fuzzy(lang):
    catalog = _catalog(lang)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert (untranslated, fuzzy) == ([], [])
    assert {m.id for m in catalog if m.id} == _template_ids(TRANSLATIONS / "messages.pot")


def test_the_template_is_up_to_date_with_the_code(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-o",
            str(fresh),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert _template_ids(fresh) == _template_ids(TRANSLATIONS / "messages.pot"), "run `make translations`"


def _interface_strings() -> dict[str, dict[str, str]]:
    """msgid -> language -> the interface text shown in that language."""
    strings: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for message in _catalog(lang):
            if message.id and isinstance(message.id, str):
                strings.setdefault(message.id, {})[lang] = message.string.split("%(")[0].split("{")[0].strip()
    return strings


INTERFACE = _interface_strings()


def foreign_interface_text(html: str, lang: str) -> list[str]:
    """Interface text from another language's catalog that shows on a page in `lang`."""
    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//*[@lang and @lang != $lang]", lang=lang):
        if element.getparent() is not None and element.tag != "html":
            element.drop_tree()  # text marked as another language (the language switcher, fallbacks)
    text = " ".join(tree.xpath("//body")[0].text_content().split())
    found = []
    for versions in INTERFACE.values():
        mine = versions[lang]
        for other, theirs in versions.items():
            if other != lang and len(theirs) >= 6 and theirs != mine and theirs not in mine and theirs in text:
                found.append(f"{other}: {theirs}")
    return found


def _answer(page) -> list[str]:
    return ["5612"] if kind(page) == "municipality" else [choices(page)[-1]]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role_id", ["forelder", "foreningsleder", "kommuneansatt", "nav-ansatt"])
def test_every_role_can_be_walked_in_every_language_with_only_that_languages_interface(site, content, lang, role_id):
    role = content.roles[role_id]
    pages = [site.get(f"/{lang}/"), site.get(f"/{lang}/om"), site.get(f"/{lang}/personvern")]
    pages.append(site.get(f"/{lang}/tilgjengelighet"))
    link = next(a["href"] for a in pages[0].soup.select("a.roles__link") if a["href"].startswith(f"/{lang}/{role_id}/"))
    page, url = site.follow(link)
    pages.append(site.get(urlsplit(url).path + "/svar?" + urlsplit(url).query))  # with a validation error
    while page.tree.xpath("//form[contains(@class, 'question')]"):
        question_id = urlsplit(url).path.rsplit("/", 1)[1]
        assert page.text("h1") == role.question_text(question_id, lang).value.title
        pages.append(page)
        page, url = site.follow(submit_url(page, _answer(page)))
    assert urlsplit(url).path == f"/{lang}/{role_id}/resultat"
    pages.append(page)
    pages.append(site.get(f"/{lang}/finnes-ikke/"))
    for shown in pages:
        assert shown.soup.html["lang"] == lang
        assert not shown.soup.select(".fallback-note"), "the content is fully translated"
        assert foreign_interface_text(shown.response.get_data(as_text=True), lang) == []


def test_the_language_links_keep_the_page_and_the_answers(site):
    page = site.get("/nb/forelder/hindringer?aktivitet=ja&hindringer=finne&hindringer=trygg")
    links = {a["hreflang"]: a["href"] for a in page.soup.select(".languages a")}
    assert links == {
        "nn": "/nn/forelder/hindringer?aktivitet=ja&hindringer=finne&hindringer=trygg",
        "en": "/en/forelder/hindringer?aktivitet=ja&hindringer=finne&hindringer=trygg",
    }
    nynorsk = site.get(links["nn"])
    assert nynorsk.soup.html["lang"] == "nn"
    assert {i["value"] for i in nynorsk.soup.select("input[type=checkbox][checked]")} == {"finne", "trygg"}
    alternates = {link["hreflang"]: link["href"] for link in page.soup.select("link[rel=alternate]")}
    assert alternates["nb"] == "http://localhost/nb/forelder/hindringer?aktivitet=ja&hindringer=finne&hindringer=trygg"
    assert set(alternates) == {*LANGUAGES, "x-default"}


@pytest.mark.parametrize("url", ["/nn/", "/en/forelder/hindringer?aktivitet=ja", "/nn/om"])
def test_hreflang_links_are_absolute_with_bokmal_as_the_default(site, url):
    """Search engines read `hreflang` only as full addresses, and want an `x-default` among them."""
    page = site.get(url)
    alternates = {link["hreflang"]: link["href"] for link in page.soup.select("link[rel=alternate]")}
    assert set(alternates) == {*LANGUAGES, "x-default"}
    for href in alternates.values():
        assert href.startswith("http://localhost/"), href
    assert alternates["x-default"] == alternates["nb"]
    path = url.split("/", 2)[2]
    assert alternates["en"] == f"http://localhost/en/{path}"


def test_hreflang_links_use_the_public_address_when_it_is_set():
    app = create_app({"TESTING": True, "PUBLIC_URL": "https://veileder.example.no"})
    page = CheckingClient(app.test_client()).get("/nb/om")
    alternates = {link["hreflang"]: link["href"] for link in page.soup.select("link[rel=alternate]")}
    assert alternates == {
        "nb": "https://veileder.example.no/nb/om",
        "nn": "https://veileder.example.no/nn/om",
        "en": "https://veileder.example.no/en/om",
        "x-default": "https://veileder.example.no/nb/om",
    }


def test_the_language_links_of_an_answer_with_an_error_keep_the_answers_and_show_the_error_again(site):
    page = site.get("/nb/forelder/hindringer/svar?aktivitet=ja")  # nothing ticked
    assert page.status == 422
    links = {a["hreflang"]: a["href"] for a in page.soup.select(".languages a")}
    assert links["en"] == "/en/forelder/hindringer/svar?aktivitet=ja"
    english = site.get(links["en"])
    assert english.status == 422
    assert english.text(".ds-error-summary a") == "Choose at least one of the answers."


def test_an_error_page_links_to_the_other_languages_without_the_address_that_failed(site):
    page = site.get("/nb/finnes-ikke/?aktivitet=ja")
    assert page.status == 404
    links = {a["hreflang"]: a["href"] for a in page.soup.select(".languages a")}
    assert links == {"nn": "/nn/finnes-ikke/", "en": "/en/finnes-ikke/"}


def test_switching_language_on_the_result_keeps_the_result(site):
    result = site.get("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612")
    english = site.get(next(a["href"] for a in result.soup.select(".languages a") if a["hreflang"] == "en"))
    assert english.status == 200
    assert english.text("h1") == "Advice for you"
    assert english.text("#local-title") == "Locally in Kautokeino"


def test_municipalities_sort_by_the_visitors_language(site):
    def akershus(lang: str) -> list[str]:
        page = site.get(f"/{lang}/forelder/kommune?aktivitet=ja&hindringer=finne")
        return [option.get_text() for option in page.soup.select("optgroup[label=Akershus] option")]

    assert akershus("nb")[-1] == "Ås"  # Norwegian: Å is the last letter
    assert akershus("en").index("Ås") < akershus("en").index("Aurskog-Høland")  # English: Å sorts as A


@pytest.fixture
def partly_translated(tmp_path) -> CheckingClient:
    """The minimal content with an English role text but no English questions or advice."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    english = target / "roles" / "familie" / "en"
    english.mkdir()
    (english / "role.md").write_text(
        "---\nname: Family\nsummary: For you who have children.\n---\nAnswer a few questions.\n"
    )
    return CheckingClient(create_app({"TESTING": True, "CONTENT_DIR": str(target)}).test_client())


def test_a_missing_translation_shows_in_bokmal_with_a_note_in_the_visitors_language(partly_translated):
    start = partly_translated.get("/en/")
    assert start.text(".roles__link") == "Family"
    assert not start.soup.select(".roles .fallback-note")
    question = partly_translated.get("/en/familie/alder")
    assert question.text(".question__role") == "Family"
    assert question.text("h1") == "Hvor gammel er barnet?"
    assert (
        question.text(".fallback-note")
        == "This text is not yet available in English, so it is shown in Norwegian (bokmål)."
    )
    assert question.soup.select_one("form.question")["lang"] == "nb"
    assert question.soup.html["lang"] == "en"
    assert question.text(".ds-button") == "Continue"
