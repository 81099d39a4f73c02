"""The contact-point form as WTForms: what a municipality can tell us, checked, with messages in the
visitor's language.

Every field but the municipality, the sender's e-mail and the consent is optional, but the form
must tell something that can be published, and each piece must be complete enough to use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, Form, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from veileder.content.local import EMAIL, PHONE, STATUSES
from veileder.store.models import Submission

#: How many volunteer centres the form has room for; more can be named in the message.
CENTRES = 2
MESSAGE_LENGTH = 1000
NOTHING_TO_PUBLISH = _l(
    "Tell us at least one of these: the contact point, the policy, the leisure declaration or a volunteer centre."
)


def _clean_line(value: Any) -> Any:
    """One line of text: control characters out, runs of white space as one space."""
    if not isinstance(value, str):
        return value
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)
    return " ".join(kept.split())


def clean_text(value: Any) -> Any:
    """Free text: line breaks kept, other control characters out (PostgreSQL refuses NUL)."""
    if not isinstance(value, str):
        return value
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_clean_line(line) for line in lines).strip()


def _web_address(value: Any) -> Any:
    """A web address as typed, with https:// added when it starts like www.example.no."""
    value = _clean_line(value)
    if isinstance(value, str) and value and "://" not in value and re.match(r"[\w-]+(\.[\w-]+)+(/|$)", value):
        return "https://" + value
    return value


def _phone(value: Any) -> Any:
    value = _clean_line(value)
    return " ".join(re.sub(r"[-.()/]", " ", value).split()) if isinstance(value, str) else value


def _check(test: Callable[[str], bool], message: Any) -> Callable[[Form, Field], None]:
    def check(form: Form, field: Field) -> None:
        if field.data and not test(field.data):
            raise ValidationError(str(message))

    return check


def _is_email(value: str) -> bool:
    return EMAIL.fullmatch(value) is not None


def _is_phone(value: str) -> bool:
    return PHONE.fullmatch(value) is not None


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in value


def _line(
    label: Any, length: int, *checks: Callable[[Form, Field], None], clean: Callable[..., Any] = _clean_line
) -> StringField:
    message = _l("Write at most %(max)d characters.")
    return StringField(label, filters=[clean], validators=[Length(max=length, message=message), *checks])


def _email(label: Any) -> StringField:
    return _line(label, 254, _check(_is_email, _l("Write an e-mail address, such as navn@kommune.no.")))


def _url(label: Any) -> StringField:
    check = _check(_is_url, _l("Write a web address, such as https://www.kommune.no/frivillighet."))
    return _line(label, 500, check, clean=_web_address)


#: The answers to "does the municipality have …": the content's statuses, and "I don't know".
DONT_KNOW = "vet-ikke"
STATUS_CHOICES = (*STATUSES, DONT_KNOW)


def _status(label: Any) -> RadioField:
    return RadioField(label, choices=list(STATUS_CHOICES), validate_choice=False, validators=[_optional_choice])


def _optional_choice(form: Form, field: Field) -> None:
    """No answer is fine (the municipality may not know); an answer must be one of the choices."""
    if field.data not in (None, "", *STATUS_CHOICES):
        raise ValidationError(_("Choose one of the answers."))


def _known(field: Field) -> str | None:
    """A status answered; "I don't know" is no answer."""
    return field.data if field.data in STATUSES else None


class ContactForm(Form):
    """The fields, in the order the page shows them. Field names are the form's parameter names."""

    kommune = SelectField(
        validate_choice=False, validators=[DataRequired(_l("Choose the municipality from the list."))]
    )
    kontakt_funksjon = _line(_l("Role or title"), 200)
    kontakt_navn = _line(_l("Name (optional)"), 200)
    kontakt_epost = _email(_l("Work e-mail"))
    kontakt_telefon = _line(
        _l("Phone"),
        40,
        _check(_is_phone, _l("Write the phone number with digits, such as 12 34 56 78.")),
        clean=_phone,
    )
    kontakt_nettside = _url(_l("Web page"))
    politikk = _status(_l("Does the municipality have a voluntary-sector policy?"))
    politikk_lenke = _url(_l("Link to the policy (optional)"))
    fritidserklaering = _status(_l("Does the municipality have a local leisure declaration?"))
    fritidserklaering_lenke = _url(_l("Link to the leisure declaration (optional)"))
    sentral_1_navn = _line(_l("Name"), 200)
    sentral_1_nettside = _url(_l("Web page"))
    sentral_1_epost = _email(_l("E-mail"))
    sentral_2_navn = _line(_l("Name"), 200)
    sentral_2_nettside = _url(_l("Web page"))
    sentral_2_epost = _email(_l("E-mail"))
    melding = TextAreaField(
        _l("Anything else we should know? (optional)"),
        filters=[clean_text],
        validators=[Length(max=MESSAGE_LENGTH, message=_l("Write at most %(max)d characters."))],
    )
    avsender_epost = _line(_l("Your work e-mail"), 254)
    samtykke = BooleanField(_l("The details above may be published on Veileder"))

    def __init__(self, formdata: Any = None, *, municipalities: Sequence[str], **kwargs: Any) -> None:
        # Named, not super(): mypy's untyped_calls_exclude for WTForms does not cover super() calls.
        Form.__init__(self, formdata, **kwargs)
        self.kommune.choices = list(municipalities)

    def validate_kommune(self, field: Field) -> None:
        if field.data not in (self.kommune.choices or ()):
            raise ValidationError(_("Choose the municipality from the list."))

    def validate_avsender_epost(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_("Write your work e-mail address, so that we can ask you if something is unclear."))
        if not _is_email(field.data):
            raise ValidationError(_("Write an e-mail address, such as navn@kommune.no."))

    def validate_samtykke(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_("Confirm that the details may be published, or we cannot use them."))

    def validate_kontakt_funksjon(self, field: Field) -> None:
        others = (self.kontakt_navn, self.kontakt_epost, self.kontakt_telefon, self.kontakt_nettside)
        if not field.data and any(other.data for other in others):
            raise ValidationError(_("Write the contact point's role or title, such as frivillighetskoordinator."))
        if field.data and not any(other.data for other in others[1:]):
            raise ValidationError(_("Give an e-mail address, a phone number or a web page for the contact point."))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(Form.validate(self, extra_validators))
        for number in range(1, CENTRES + 1):
            valid = self._check_centre(number) and valid
        if valid and not self.publishable():
            self.kontakt_funksjon.errors = (str(NOTHING_TO_PUBLISH),)
            valid = False
        return valid

    def _check_centre(self, number: int) -> bool:
        name, url, email = self.centre_fields(number)
        if not name.data and (url.data or email.data):
            name.errors = (*name.errors, _("Write the name of the volunteer centre."))
            return False
        if name.data and not (url.data or email.data):
            name.errors = (*name.errors, _("Give the volunteer centre's web page or e-mail address."))
            return False
        return True

    def centre_fields(self, number: int) -> tuple[Field, Field, Field]:
        return (self[f"sentral_{number}_navn"], self[f"sentral_{number}_nettside"], self[f"sentral_{number}_epost"])

    def publishable(self) -> bool:
        centres = any(self.centre_fields(n)[0].data for n in range(1, CENTRES + 1))
        return bool(self.kontakt_funksjon.data or _known(self.politikk) or _known(self.fritidserklaering) or centres)

    def errors_in_order(self) -> list[tuple[str, str]]:
        """(field id, first message) for every field with an error, in the order of the page."""
        return [(field_id(field), str(field.errors[0])) for field in self if field.errors]

    def submission(self, language: str) -> Submission:
        """What to store: the form's values, empty ones as None."""

        def value(field: Field) -> str | None:
            return field.data or None

        centres = [
            {"name": name.data, "url": url.data or "", "email": email.data or ""}
            for name, url, email in (self.centre_fields(n) for n in range(1, CENTRES + 1))
            if name.data
        ]
        return Submission(
            language=language,
            municipality=self.kommune.data,
            contact_function=value(self.kontakt_funksjon),
            contact_name=value(self.kontakt_navn) if self.kontakt_funksjon.data else None,
            contact_email=value(self.kontakt_epost),
            contact_phone=value(self.kontakt_telefon),
            contact_url=value(self.kontakt_nettside),
            policy_status=_known(self.politikk),
            policy_url=value(self.politikk_lenke) if _known(self.politikk) else None,
            declaration_status=_known(self.fritidserklaering),
            declaration_url=value(self.fritidserklaering_lenke) if _known(self.fritidserklaering) else None,
            centres=centres,
            message=value(self.melding),
            sender_email=self.avsender_epost.data,
        )


def field_id(field: Field) -> str:
    """The id of the input an error links to: a radio group's first option."""
    if isinstance(field, RadioField):
        return f"{field.name}-{STATUS_CHOICES[0]}"
    return str(field.name)


def chosen_number(numbers: Iterable[str], given: str | None) -> str | None:
    """A municipality number from a link (`?kommune=5612`) when it is one; else nothing chosen."""
    return given if given in set(numbers) else None
