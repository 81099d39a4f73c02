"""WTForms built from a question: radios, checkboxes or the municipality list.

The fields parse and validate the submitted query string with messages in the visitor's
language. The templates draw the inputs themselves, with Designsystemet's markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from wtforms import Field, Form, RadioField, SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import ValidationError

from veileder.content.texts import QuestionText
from veileder.engine import Question, QuestionKind


def question_form(question: Question, text: QuestionText, formdata: MultiDict[str, str] | None, data: Any) -> Form:
    """A form with one field named after the question: filled from `formdata`, else from `data`."""
    field = _field(question, text)
    form_class: type[Form] = type("QuestionForm", (Form,), {question.id: field})
    if formdata is not None:
        return form_class(formdata=formdata)
    return form_class(data={question.id: data})


def _field(question: Question, text: QuestionText) -> Field:
    check = _answer_check(question, text)
    choices = [SelectChoice(option_id) for option_id in question.option_ids]  # the templates write the labels
    if question.kind is QuestionKind.SINGLE:
        return RadioField(choices=choices, validate_choice=False, validators=[check])
    if question.kind is QuestionKind.MULTIPLE:
        return SelectMultipleField(choices=choices, validate_choice=False, validators=[check])
    return SelectField(choices=choices, validate_choice=False, validators=[check])


def _answer_check(question: Question, text: QuestionText) -> Callable[[Form, Field], None]:
    """One validator for every kind of question, with the message the visitor needs."""

    def check(form: Form, field: Field) -> None:
        values = tuple(v for v in (field.raw_data or ()) if v)
        if question.is_valid_answer(values):
            return
        exclusive = [v for v in values if (option := question.option(v)) is not None and option.exclusive]
        if len(values) > 1 and exclusive and all(question.option(v) for v in values):
            label = text.options[exclusive[0]].label
            raise ValidationError(_("You cannot choose “%(label)s” together with other answers.", label=label))
        raise ValidationError(text.error or _default_message(question.kind))

    return check


def _default_message(kind: QuestionKind) -> str:
    if kind is QuestionKind.SINGLE:
        return _("Choose one of the answers.")
    if kind is QuestionKind.MULTIPLE:
        return _("Choose at least one of the answers.")
    return _("Choose a municipality from the list.")


def chosen(values: Iterable[str] | str | None) -> set[str]:
    """The values a field holds, as a set, whatever kind of field it is."""
    if values is None:
        return set()
    if isinstance(values, str):
        return {values}
    return set(values)
