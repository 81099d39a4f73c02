"""The trimmed Designsystemet style sheet styles every page exactly as the whole of Designsystemet does.

`make setup` keeps, of Designsystemet's component rules, only those the templates and scripts use
(purgecss.config.cjs). Here each kind of page is shown twice: as served, and with the whole of
Designsystemet (from node_modules) put in place of the trimmed sheet. Every element's computed
style, its ::before and ::after included, must be the same in both: at rest, at every Tab stop (the
focus rings), under the pointer (hover), with the municipality list open, a "Why?" opened, and on
paper. A rule the build dropped that a page needs shows up as a difference, named with its element.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.browser.site_map import one_of_each_kind

ROOT = Path(__file__).resolve().parents[2]
DESIGNSYSTEMET = ROOT / "node_modules/@digdir/designsystemet-css/dist"
TRIMMED = "**/static/vendor/designsystemet.*.css"
STATES = one_of_each_kind("nb")
#: How many Tab stops and hovered controls are compared on each page.
STOPS = 15

#: Every element's computed style (and its ::before and ::after), in document order, as a hash (or,
#: with `detail`, in full); or only those of the elements at the given positions. Options and the
#: insides of SVG drawings are left out: no style sheet of ours reaches into them.
_STYLES = """([positions, detail]) => {
  const all = [...document.querySelectorAll('body, body *')];
  const elements = positions ? positions.map(i => all[i]) : all.filter(el => !el.closest('option, optgroup, svg *'));
  const hash = text => { let h = 2166136261; for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619); return String(h >>> 0); };
  return elements.map(el => {
    // Custom properties are left out: what they come to is in the properties that use them.
    let text = '';
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      const names = [...style].filter(name => !name.startsWith('--')).sort();
      text += pseudo + '{' + names.map(name => name + ':' + style.getPropertyValue(name)).join(';') + '}';
    }
    const id = el.id ? '#' + el.id : '';
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return [el.tagName.toLowerCase() + id + cls, all.indexOf(el), detail ? text : hash(text)];
  });
}"""

#: The positions of an element (by default the focused one) and its ancestors: Designsystemet draws
#: some focus rings and hover outlines on a parent (the `.ds-field` around a radio button).
_CHAIN = """(start) => {
  const all = [...document.querySelectorAll('body, body *')];
  const chain = [];
  for (let el = start || document.activeElement; el && el !== document.body; el = el.parentElement) chain.push(all.indexOf(el));
  return chain;
}"""


def whole_designsystemet() -> str:
    files = [DESIGNSYSTEMET / "theme/designsystemet.css", DESIGNSYSTEMET / "src/index.css"]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        pytest.fail(f"Designsystemet's own files are missing ({', '.join(missing)}): run `make setup`")
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.fixture(scope="module")
def pages(browser: Browser, base_url: str) -> Iterator[tuple[Page, Page]]:
    """A page with the trimmed sheet as served, and one with the whole of Designsystemet instead."""
    whole = whole_designsystemet()
    trimmed = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    full = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})

    def serve_whole(route: Route) -> None:
        route.fulfill(status=200, body=whole, content_type="text/css; charset=utf-8")

    full.route(TRIMMED, serve_whole)
    yield trimmed.new_page(), full.new_page()
    trimmed.close()
    full.close()


Styles = list[tuple[str, int, str]]


def styles(page: Page, positions: list[int] | None = None) -> Styles:
    # A style caught mid-transition (a hover colour fading after the pointer moved on) is neither page's
    # style: wait until every running transition and animation has finished.
    # Two frames first: a click's transition (a "Why?" opening) starts on the frame after the click.
    page.evaluate(
        """async () => {
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            await Promise.all(document.getAnimations().map(animation => animation.finished));
        }"""
    )
    return [tuple(found) for found in page.evaluate(_STYLES, [positions, False])]


def compare(pages: tuple[Page, Page], where: str, positions: list[int] | None = None) -> list[str]:
    """Where the page as served and the page with the whole of Designsystemet differ, property by property."""
    served, whole = (styles(page, positions) for page in pages)
    assert [name for name, _, _ in served] == [name for name, _, _ in whole], f"{where}: the pages differ"
    differing = [index for (_, index, mine), (_, _, theirs) in zip(served, whole, strict=True) if mine != theirs]
    if not differing:
        return []
    found = []
    detailed = (page.evaluate(_STYLES, [differing, True]) for page in pages)
    for (name, _, mine), (_, _, theirs) in zip(*detailed, strict=True):
        a, b = _properties(mine), _properties(theirs)
        changed = [
            f"{key}: {a.get(key)} (whole: {b.get(key)})"
            for key in sorted(a.keys() | b.keys())
            if a.get(key) != b.get(key)
        ]
        if changed:  # identical when read again: the first reading caught the page mid-change
            found.append(f"{where}: <{name}> {'; '.join(changed[:4])}")
    return found


def _properties(text: str) -> dict[str, str]:
    """`null{color:red;…}::before{…}` as {"color": "red", "::before color": …}."""
    found = {}
    for block in text.split("}")[:-1]:
        pseudo, _, body = block.partition("{")
        prefix = "" if pseudo == "null" else pseudo + " "
        for declaration in body.split(";"):
            key, _, value = declaration.partition(":")
            found[prefix + key] = value
    return found


def both(pages: tuple[Page, Page], url: str) -> None:
    for page in pages:
        page.emulate_media(media="screen")
        page.goto(url)
        page.wait_for_load_state("load")


@pytest.mark.parametrize("kind", STATES)
def test_each_kind_of_page_looks_the_same_as_with_the_whole_of_designsystemet(pages, kind: str):
    served = pages[0]
    url = STATES[kind].url
    both(pages, url)
    problems = compare(pages, f"{kind} {url}")

    # Every Tab stop: the focused control and what draws its ring.
    for stop in range(STOPS):
        for page in pages:
            page.keyboard.press("Tab")
        chain = served.evaluate(_CHAIN, None)
        if not chain:
            break
        problems += compare(pages, f"{kind}, Tab stop {stop + 1}", chain)

    # The pointer over each link, button and form control.
    controls = "main :is(a, button, summary, label, input, select)"
    for number in range(min(served.locator(controls).count(), STOPS)):
        targets = [page.locator(controls).nth(number) for page in pages]
        if not targets[0].is_visible():
            continue
        for target in targets:
            target.hover()
        chain = targets[0].evaluate(_CHAIN)
        problems += compare(pages, f"{kind}, hovering control {number + 1}", chain)

    # On paper (the pointer out of the way, as it is when printing).
    for page in pages:
        page.mouse.move(0, 0)
        page.evaluate("window.scrollTo(0, 0)")
        page.emulate_media(media="print")
    problems += compare(pages, f"{kind}, printed")
    assert not problems, "the trimmed style sheet lost rules this page uses:\n" + "\n".join(problems[:30])


def test_an_open_why_and_an_open_municipality_list_look_the_same(pages):
    both(pages, STATES["result"].url)
    for page in pages:
        page.locator("details.why summary").first.click()
    problems = compare(pages, "result, a “Why?” open")
    both(pages, STATES["municipality"].url)
    for page in pages:
        page.get_by_role("combobox").fill("Os")
        page.get_by_role("option").first.wait_for()
    problems += compare(pages, "municipality, the list open")
    assert not problems, "the trimmed style sheet lost rules:\n" + "\n".join(problems[:30])
