"""The municipality question's typed name, resolved on the server by the browser's rules.

Without JavaScript the question has a select and a field to type a name in; with it, the field is
a combobox. Either way the form sends `<question>_navn` with what was typed. One municipality
that fits it is the answer; several are offered as choices; none is an error that keeps the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from veileder.content import Content
from veileder.content.municipalities import Municipality
from veileder.content.municipality_search import MunicipalitySearch

TYPED_SUFFIX = "_navn"  # "_" is never in a question id, so this key cannot be another question's
MAX_TYPED = 100
MAX_CHOICES = 10

_SEARCH: dict[str, MunicipalitySearch] = {}


def municipality_search(content: Content) -> MunicipalitySearch:
    """The search over the content's municipalities, built once per content version."""
    search = _SEARCH.get(content.version)
    if search is None:
        _SEARCH.clear()
        search = _SEARCH[content.version] = MunicipalitySearch(content.municipalities, content.former_names)
    return search


@dataclass(frozen=True)
class Typed:
    """What the visitor typed, and what it fitted when it did not settle the answer."""

    text: str
    choices: tuple[Municipality, ...] = ()
    settled: bool = False

    @property
    def message(self) -> str:
        if self.choices:
            return _("More than one municipality fits “%(text)s”. Choose the one you mean.", text=self.text)
        return _("No municipality is called “%(text)s”. Check the spelling, or choose from the list.", text=self.text)


def settle_typed(
    name: str, args: MultiDict[str, str], search: MunicipalitySearch, lang: str
) -> tuple[MultiDict[str, str], Typed | None]:
    """The answer with a typed name (`<name>_navn`) resolved into the field `name`, and what was typed.

    A number chosen as well (from the list or the choices) wins when it fits the typed name, so a
    visitor who typed "Herøy" and then picked one of the two is answered.
    """
    text = " ".join(args.get(name + TYPED_SUFFIX, "").split())[:MAX_TYPED]
    if not text:
        return args, None
    matches = search.resolve(text, lang)
    fitting = matches.whole or tuple(match.municipality for match in matches.matches)
    chosen = [value for value in dict.fromkeys(args.getlist(name)) if any(m.number == value for m in fitting)]
    if len(chosen) == 1:
        number = chosen[0]
    elif len(fitting) == 1:
        number = fitting[0].number
    else:
        # Not answered: a number chosen from the list does not outweigh a name typed after it.
        unsettled = args.copy()
        unsettled.setlist(name, [])
        return unsettled, Typed(text, fitting[:MAX_CHOICES])
    settled = args.copy()
    settled.setlist(name, [number])
    return settled, Typed(text, settled=True)
