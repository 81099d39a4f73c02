"""Load a content directory into engine flows plus per-language texts, and list every problem.

Loading never raises on bad content: it collects problems with file and line, so that the checker
can report them all and the app can refuse to start (or show them, in development).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from veileder.content.flows import read_flow
from veileder.content.local import read_local_pages
from veileder.content.model import Content, Role, RoleTexts, SiteTexts
from veileder.content.municipalities import FormerName, Municipality, read_former_names, read_municipalities
from veileder.content.reader import ID_PATTERN, Reader
from veileder.content.register import CATEGORIES, SNAPSHOT, read_register
from veileder.content.sitelinks import read_link_urls
from veileder.content.texts import (
    AdviceText,
    LinkText,
    PageText,
    QuestionText,
    read_advice_text,
    read_link_texts,
    read_page_text,
    read_question_text,
    read_role_text,
)
from veileder.engine import questions_left
from veileder.engine.checks import check_flow
from veileder.engine.model import Flow, Location
from veileder.vocabulary import LANGUAGES, RESERVED_QUESTION_IDS, RESERVED_ROLE_IDS, SITE_PAGE_SLUGS, SOURCE_LANGUAGE

#: The site's texts in content/site/<lang>/: the start page and the pages the footer links to.
SITE_PAGES = ("start", *SITE_PAGE_SLUGS.values())

T = TypeVar("T")


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working folder when inside it."""
    absolute = str(path.absolute())  # not resolve(): no symlink lookups, for every content file
    working = str(Path.cwd())
    if absolute.startswith(working + os.sep):
        return absolute[len(working) + 1 :]
    return str(path)


def load_content(directory: Path) -> Content:
    """Read everything under `directory`. Problems are collected in `Content.problems`."""
    reader = Reader()
    if not directory.is_dir():
        reader.problem(
            Location(display_path(directory), 1),
            "there is no content folder here: set VEILEDER_CONTENT_DIR to the folder with roles/, site/ and kommuner/",
        )
        return Content(directory, {}, SiteTexts({}, {}, {}), (), (), {}, "", tuple(reader.problems))
    municipalities = _municipalities(directory, reader)
    numbers = [m.number for m in municipalities]
    former_names = _former_names(directory, reader, set(numbers))
    roles = _roles(directory, reader, numbers)
    site = _site(directory, reader)
    local = read_local_pages(
        directory / "kommuner", display_path(directory / "kommuner"), reader, set(numbers), {r.id for r in roles}
    )
    register = read_register(directory / SNAPSHOT, display_path(directory / SNAPSHOT), reader, numbers)
    for role in roles:
        for link_id, where in role.link_refs:
            if link_id not in site.link_urls:
                reader.problem(where, f"links names '{link_id}', which is not in site/links.yaml")
    problems = tuple(sorted(set(reader.problems), key=lambda p: (p.where.path, p.where.line, p.message)))
    return Content(
        directory=directory,
        roles={role.id: role for role in sorted(roles, key=lambda r: (r.order, r.id))},
        site=site,
        municipalities=tuple(municipalities),
        former_names=tuple(former_names),
        local=local,
        version=_digest(directory),
        problems=problems,
        register=register,
    )


def _municipalities(directory: Path, reader: Reader) -> list[Municipality]:
    path = directory / "kommuner" / "kommuner.csv"
    if not path.is_file():
        reader.problem(Location(display_path(path), 1), "the list of municipalities is missing")
        return []
    found, problems = read_municipalities(path.read_text(encoding="utf-8"), display_path(path))
    reader.problems.extend(problems)
    return found


def _former_names(directory: Path, reader: Reader, numbers: set[str]) -> list[FormerName]:
    """Former municipalities' names, when the content has the list (it is optional)."""
    path = directory / "kommuner" / "tidligere_navn.csv"
    if not path.is_file():
        return []
    found, problems = read_former_names(path.read_text(encoding="utf-8"), display_path(path), numbers)
    reader.problems.extend(problems)
    return found


def _roles(directory: Path, reader: Reader, numbers: list[str]) -> list[Role]:
    roles_dir = directory / "roles"
    folders = sorted(p for p in roles_dir.iterdir() if p.is_dir()) if roles_dir.is_dir() else []
    if not folders:
        reader.problem(Location(display_path(roles_dir), 1), "there are no roles: add a folder under roles/")
    roles = []
    for folder in folders:
        role = _role(folder, reader, numbers)
        if role is not None:
            roles.append(role)
    return roles


def _role(folder: Path, reader: Reader, numbers: list[str]) -> Role | None:
    flow_path = folder / "flow.yaml"
    shown = display_path(flow_path)
    if not flow_path.is_file():
        reader.problem(Location(display_path(folder), 1), "the role folder has no flow.yaml")
        return None
    role_id = folder.name
    if not ID_PATTERN.fullmatch(role_id):
        reader.problem(Location(shown, 1), f"the folder name '{role_id}' is not a valid role id: use a-z, 0-9 and -")
        return None
    if role_id in RESERVED_ROLE_IDS:
        reader.problem(Location(shown, 1), f"'{role_id}' cannot be a role id: the site uses that word itself")
    flow_file, problems = read_flow(role_id, flow_path.read_text(encoding="utf-8"), shown, numbers, CATEGORIES)
    reader.problems.extend(problems)
    if flow_file is None:
        return None
    flow_problems = [] if problems else check_flow(flow_file.flow, RESERVED_QUESTION_IDS)
    reader.problems.extend(flow_problems)
    texts = {lang: _role_texts(folder, lang, flow_file.flow, reader, strays=not problems) for lang in LANGUAGES}
    return Role(
        id=role_id,
        order=flow_file.order,
        flow=flow_file.flow,
        links=tuple(link_id for link_id, _ in flow_file.links),
        link_refs=flow_file.links,
        version=_digest(folder),
        texts={lang: t for lang, t in texts.items() if t is not None},
        progress={} if problems or flow_problems else questions_left(flow_file.flow),
        invite_to_register=flow_file.invite_to_register,
    )


def _role_texts(folder: Path, lang: str, flow: Flow, reader: Reader, strays: bool) -> RoleTexts | None:
    """One language's texts. `strays`: also report files that match nothing in the flow (only
    meaningful when flow.yaml itself read cleanly)."""
    base = folder / lang
    required = lang == SOURCE_LANGUAGE
    if not base.is_dir():
        if required:
            reader.problem(Location(display_path(base), 1), f"the role has no {lang}/ folder with its texts")
        return None
    role_path = base / "role.md"
    role_text = _read(role_path, reader, required, read_role_text)
    questions: dict[str, QuestionText] = {}
    for question in flow.questions:
        if question.id in questions:  # a duplicated id is reported once, by the flow check
            continue
        path = base / "questions" / f"{question.id}.md"
        question_text = _read(path, reader, required, partial(read_question_text, question=question))
        if question_text is not None:
            questions[question.id] = question_text
    advice: dict[str, AdviceText] = {}
    for block in flow.advice:
        advice_text = _read(base / "advice" / f"{block.id}.md", reader, required, read_advice_text)
        if advice_text is not None:
            advice[block.id] = advice_text
    if strays:
        _report_strays(base, flow, reader)
    return RoleTexts(role_text, questions, advice)


def _report_strays(base: Path, flow: Flow, reader: Reader) -> None:
    """Text files that belong to nothing in flow.yaml are almost always a typo in a name."""
    known = {
        "questions": {q.id for q in flow.questions},
        "advice": {a.id for a in flow.advice},
    }
    for kind, ids in known.items():
        folder = base / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix != ".md" or path.stem not in ids:
                what = "question" if kind == "questions" else "advice block"
                reader.problem(
                    Location(display_path(path), 1),
                    f"there is no {what} '{path.stem}' in flow.yaml for this file (file names must be the id plus .md)",
                )


def _read(path: Path, reader: Reader, required: bool, parse: Callable[[str, str, Reader], T | None]) -> T | None:
    if not path.is_file():
        if required:
            reader.problem(Location(display_path(path), 1), "this file is missing")
        return None
    return parse(path.read_text(encoding="utf-8"), display_path(path), reader)


def _site(directory: Path, reader: Reader) -> SiteTexts:
    site = directory / "site"
    urls = read_link_urls(site / "links.yaml", display_path(site / "links.yaml"), reader)
    pages: dict[str, dict[str, PageText]] = {}
    links: dict[str, dict[str, LinkText]] = {}
    for lang in LANGUAGES:
        required = lang == SOURCE_LANGUAGE
        folder = site / lang
        if not folder.is_dir():
            if required:
                reader.problem(Location(display_path(folder), 1), f"the site has no {lang}/ folder with its pages")
            continue
        pages[lang] = {}
        for name in SITE_PAGES:
            page = _read(folder / f"{name}.md", reader, required, read_page_text)
            if page is not None:
                pages[lang][name] = page
        link_file = folder / "links.md"
        links[lang] = _read(link_file, reader, required, read_link_texts) or {}
        if required and link_file.is_file():
            for link_id in urls.urls:
                if link_id not in links[lang]:
                    reader.problem(Location(display_path(link_file), 1), f"link '{link_id}' has no name here")
    return SiteTexts(pages=pages, link_urls=urls.urls, link_texts=links)


def _digest(directory: Path) -> str:
    """A short fingerprint of every file under `directory`: it changes when any byte does."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]
