"""The feedback counted for editors: per role and advice block, per content version.

For each role, each content version the answers came from (oldest first), and each advice block:
how many answered results showed the block, and how many of those said yes. The versions sit side
by side, so an editor sees whether a change to the advice helped. Plus the latest comments.
Pure counting over rows already read; the command reads them and prints or writes the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from veileder.content import Content
from veileder.store.feedback import AnswerGroup
from veileder.store.models import FeedbackComment

#: How many comments per role the report shows, newest first.
LATEST_COMMENTS = 10


@dataclass
class Tally:
    """Results answered, and how many of them said yes."""

    answered: int = 0
    yes: int = 0

    def add(self, useful: bool, count: int = 1) -> None:
        self.answered += count
        self.yes += count if useful else 0

    @property
    def share(self) -> float | None:
        """The share of yes, 0 to 1; None when nobody answered."""
        return self.yes / self.answered if self.answered else None

    @property
    def percent(self) -> str:
        share = self.share
        return "–" if share is None else f"{round(share * 100)} %"


@dataclass
class Version:
    """One content version of a role: its answers, and each advice block's among them."""

    version: str
    number: int  # 1 for the oldest in the report, then 2, ...
    first_day: date
    last_day: date
    total: Tally = field(default_factory=Tally)
    blocks: dict[str, Tally] = field(default_factory=dict)

    def block(self, block_id: str) -> Tally:
        return self.blocks.get(block_id, Tally())


@dataclass(frozen=True)
class Comment:
    day: date
    version: str
    version_number: int | None  # None: a version with no yes/no answers in the report
    language: str
    useful: bool | None
    text: str


@dataclass
class RoleReport:
    role: str
    name: str
    versions: list[Version]
    blocks: list[str]  # the advice ids, in the content's order (ids no longer in it last)
    titles: dict[str, str]  # advice id -> its title in the report's language, where the content has it
    comments: list[Comment]
    total: Tally

    def title(self, block_id: str) -> str:
        return self.titles.get(block_id, block_id)


@dataclass
class Report:
    made: date
    since: date | None
    role: str | None
    lang: str
    roles: list[RoleReport]

    @property
    def answered(self) -> int:
        return sum(role.total.answered for role in self.roles)

    @property
    def comments(self) -> int:
        return sum(len(role.comments) for role in self.roles)


def build_report(
    answers: Iterable[AnswerGroup],
    comments: Iterable[FeedbackComment],
    content: Content | None,
    lang: str,
    made: date,
    since: date | None = None,
    role: str | None = None,
    latest: int = LATEST_COMMENTS,
) -> Report:
    """Count the `answers` (groups in the order first answered, as the store counts them) and keep
    the `latest` of `comments` (newest first) per role. Versions are numbered by their first day;
    on the same day, the one answered first comes first."""
    versions: dict[str, dict[str, Version]] = {}
    totals: dict[str, Tally] = {}
    for group in answers:
        per_role = versions.setdefault(group.role, {})
        version = per_role.get(group.version)
        if version is None:
            version = per_role[group.version] = Version(group.version, 0, group.first_day, group.last_day)
        version.first_day = min(version.first_day, group.first_day)
        version.last_day = max(version.last_day, group.last_day)
        version.total.add(group.useful, group.count)
        for block_id in group.blocks:
            version.blocks.setdefault(block_id, Tally()).add(group.useful, group.count)
        totals.setdefault(group.role, Tally()).add(group.useful, group.count)
    kept: dict[str, list[FeedbackComment]] = {}
    for comment in comments:
        listed = kept.setdefault(comment.role, [])
        if len(listed) < latest:
            listed.append(comment)
    reports = [
        _role_report(
            role_id, versions.get(role_id, {}), totals.get(role_id, Tally()), kept.get(role_id, []), content, lang
        )
        for role_id in _role_order(set(versions) | set(kept), content)
    ]
    return Report(made, since, role, lang, reports)


def _role_order(role_ids: set[str], content: Content | None) -> list[str]:
    known = list(content.roles) if content is not None else []
    return [role for role in known if role in role_ids] + sorted(role_ids - set(known))


def _role_report(
    role_id: str,
    by_version: dict[str, Version],
    total: Tally,
    comments: list[FeedbackComment],
    content: Content | None,
    lang: str,
) -> RoleReport:
    versions = sorted(by_version.values(), key=lambda version: version.first_day)  # stable: first seen first
    for number, version in enumerate(versions, start=1):
        version.number = number
    numbers = {version.version: version.number for version in versions}
    seen = {block_id for version in versions for block_id in version.blocks}
    role = content.roles.get(role_id) if content is not None else None
    order = [block.id for block in role.flow.advice] if role is not None else []
    blocks = [block_id for block_id in order if block_id in seen] + sorted(seen - set(order))
    titles, name = {}, role_id
    if role is not None:  # a role the content no longer has is shown by its ids
        titles = {block_id: role.advice_text(block_id, lang).value.title for block_id in blocks if block_id in order}
        name = role.text(lang).value.name
    shown = [
        Comment(item.day, item.version, numbers.get(item.version), item.language, item.useful, item.comment)
        for item in comments
    ]
    return RoleReport(role_id, name, versions, blocks, titles, shown, total)
