"""Read `site/links.yaml`: the national resources every result can link to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from veileder.content.markdown import is_safe_link
from veileder.content.reader import Reader
from veileder.content.yamlnodes import YamlError, parse_yaml
from veileder.engine.model import Location


@dataclass(frozen=True)
class LinkUrls:
    urls: dict[str, str]
    refs: dict[str, Location]


def read_link_urls(path: Path, shown: str, reader: Reader) -> LinkUrls:
    if not path.is_file():
        reader.problem(Location(shown, 1), "this file is missing")
        return LinkUrls({}, {})
    try:
        root, problems = parse_yaml(path.read_text(encoding="utf-8"), shown)
    except YamlError as error:
        reader.problems.append(error.problem)
        return LinkUrls({}, {})
    reader.problems.extend(problems)
    urls: dict[str, str] = {}
    refs: dict[str, Location] = {}
    for node in reader.sequence(root, "links.yaml"):
        fields = reader.mapping(node, "a link", node.where, ("id", "url"))
        if fields is None:
            continue
        link_id = reader.ident(fields.values.get("id"), "the link id")
        url = reader.text(fields.values.get("url"), "url")
        if link_id is None or url is None:
            continue
        if link_id in urls:
            reader.problem(fields.where, f"link id '{link_id}' is used twice (first at line {refs[link_id].line})")
            continue
        if not url.startswith(("https://", "http://")):
            reader.problem(fields.values["url"].where, f"the address '{url}' must start with https:// or http://")
            continue
        assert is_safe_link(url)
        urls[link_id] = url
        refs[link_id] = fields.where
    return LinkUrls(urls, refs)
