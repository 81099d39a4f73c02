"""Read a role's `flow.yaml` into an engine Flow: questions, options, rules, conditions, advice."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Sequence as Seq
from dataclasses import dataclass

from veileder.content.reader import Reader
from veileder.content.yamlnodes import Mapping, Node, Scalar, YamlError, parse_yaml
from veileder.content.yamlnodes import Sequence as YamlList
from veileder.engine.checks import Problem
from veileder.engine.conditions import And, AnyOf, Condition, Equals, Not, Or
from veileder.engine.model import AdviceBlock, Flow, Location, Option, Question, QuestionKind, Rule

KINDS = {kind.value: kind for kind in QuestionKind}
LEAF_KEYS = ("equals", "any_of")
COMBINER_KEYS = ("all", "any", "not")


@dataclass(frozen=True)
class FlowFile:
    """What a flow.yaml holds besides the flow itself."""

    flow: Flow
    order: int
    links: tuple[tuple[str, Location], ...]
    #: Visitors in this role work in the municipality they choose: the result asks them to tell us what it has.
    invite_to_register: bool = False


def read_flow(
    role: str, text: str, path: str, municipality_ids: Seq[str], list_names: Collection[str] = ()
) -> tuple[FlowFile | None, list[Problem]]:
    """Parse the text of `path` (a role's flow.yaml). Municipality questions get every number.

    `list_names` are the lists of local organisations an option can pick with `local_list`.
    """
    try:
        root, problems = parse_yaml(text, path)
    except YamlError as error:
        return None, [error.problem]
    reader = Reader()
    reader.problems.extend(problems)
    top = reader.mapping(
        root, "flow.yaml", Location(path, 1), ("questions", "advice"), ("order", "links", "invite_to_register")
    )
    if top is None:
        return None, reader.problems
    questions = tuple(
        q
        for node in reader.sequence(top.values.get("questions"), "questions")
        if (q := _question(reader, node, municipality_ids, list_names)) is not None
    )
    advice = tuple(
        a for node in reader.sequence(top.values.get("advice"), "advice") if (a := _advice(reader, node)) is not None
    )
    order_node = top.values.get("order")
    order = reader.integer(order_node, "order") if order_node is not None else None
    links = tuple(reader.ident_list(top.values.get("links"), "links"))
    invite = _switch(reader, top.values.get("invite_to_register"), "invite_to_register")
    has_municipality = any(q.kind is QuestionKind.MUNICIPALITY for q in questions)
    if invite and not has_municipality:
        reader.problem(top.keys["invite_to_register"], "invite_to_register needs a municipality question in the role")
    for question in questions:
        if question.lists and not has_municipality:
            reader.problem(
                question.where,
                f"local_list in question '{question.id}' needs a municipality question in the role: "
                "the lists are of organisations in the municipality the visitor chooses",
            )
    flow = Flow(role, questions, advice, Location(path, 1))
    return FlowFile(flow, order if order is not None else 999, links, invite), reader.problems


def _switch(reader: Reader, node: Node | None, what: str) -> bool:
    value = reader.text(node, what)
    if value is None or value in ("true", "false"):
        return value == "true"
    assert node is not None
    reader.problem(node.where, f"{what} must be true or false, not '{value}'")
    return False


def _question(
    reader: Reader, node: Node, municipality_ids: Seq[str], list_names: Collection[str]
) -> Question | None:
    fields = reader.mapping(
        node, "a question", node.where, ("id", "type"), ("options", "exclusive", "same", "next", "local_list")
    )
    if fields is None:
        return None
    question_id = reader.ident(fields.values.get("id"), "the question id")
    kind_name = reader.text(fields.values.get("type"), "the question type")
    kind = KINDS.get(kind_name or "")
    if kind_name is not None and kind is None:
        reader.problem(
            fields.values["type"].where, f"unknown question type '{kind_name}' (use single, multiple or municipality)"
        )
    if question_id is None or kind is None:
        return None
    options = _options(reader, fields, question_id, kind, municipality_ids)
    rules = _rules(reader, fields.values.get("next"))
    same_node = fields.values.get("same") if kind is not QuestionKind.MUNICIPALITY else None
    same = _same(reader, same_node, question_id, {option.id for option in options})
    lists = _local_lists(reader, fields, question_id, kind, {option.id for option in options}, list_names)
    return Question(question_id, kind, options, rules, fields.where, same, lists)


def _options(
    reader: Reader, fields: Mapping, question_id: str, kind: QuestionKind, municipality_ids: Seq[str]
) -> tuple[Option, ...]:
    if kind is QuestionKind.MUNICIPALITY:
        for key in ("options", "exclusive", "same"):
            if key in fields.values:
                reader.problem(
                    fields.keys[key], f"a municipality question has no '{key}': its options are the municipalities"
                )
        return tuple(Option(number, where=fields.where) for number in municipality_ids)
    if "options" not in fields.values:
        if "id" in fields.values:
            reader.problem(fields.where, f"question '{question_id}' is missing 'options'")
        return ()
    exclusive = reader.ident_list(fields.values.get("exclusive"), "exclusive")
    if exclusive and kind is not QuestionKind.MULTIPLE:
        reader.problem(fields.keys["exclusive"], "only a multiple-choice question can have exclusive options")
    option_ids = reader.ident_list(fields.values["options"], "an option id")
    known = {option_id for option_id, _ in option_ids}
    for option_id, where in exclusive:
        if option_id not in known:
            reader.problem(where, f"exclusive names '{option_id}', which is not an option of '{question_id}'")
    exclusive_ids = {option_id for option_id, _ in exclusive}
    return tuple(Option(option_id, option_id in exclusive_ids, where) for option_id, where in option_ids)


def _same(reader: Reader, node: Node | None, question_id: str, known: set[str]) -> tuple[frozenset[str], ...]:
    """`same: [nei, vet-ikke]`: options meant to give the same result; a list of such lists for several."""
    if node is None:
        return ()
    group_nodes: tuple[Node, ...] = (node,)
    if isinstance(node, YamlList) and node.items and all(isinstance(item, YamlList) for item in node.items):
        group_nodes = node.items
    groups = []
    for group_node in group_nodes:
        group = reader.ident_list(group_node, "an option in same")
        for option_id, where in group:
            if option_id not in known:
                reader.problem(where, f"same names '{option_id}', which is not an option of '{question_id}'")
        if len(group) < 2:
            reader.problem(group_node.where, "same needs at least two options that are meant to give the same result")
        groups.append(frozenset(option_id for option_id, _ in group))
    return tuple(groups)


def _local_lists(
    reader: Reader, fields: Mapping, question_id: str, kind: QuestionKind, known: set[str], list_names: Collection[str]
) -> tuple[tuple[str, str], ...]:
    """`local_list: {idrett: idrett, annet: barn-og-unge}`: the list of local organisations each answer picks."""
    node = fields.values.get("local_list")
    if node is None:
        return ()
    if kind is QuestionKind.MUNICIPALITY:
        reader.problem(fields.keys["local_list"], "a municipality question has no 'local_list'")
        return ()
    if not isinstance(node, Mapping):
        reader.problem(node.where, "local_list should pair option ids with list names, like  idrett: idrett")
        return ()
    names = ", ".join(sorted(list_names))
    pairs = []
    for option_id, value in node.values.items():
        name = reader.ident(value, "a list name in local_list")
        if option_id not in known:
            where = node.keys[option_id]
            reader.problem(where, f"local_list names '{option_id}', which is not an option of '{question_id}'")
        elif name is not None and name not in list_names:
            reader.problem(value.where, f"local_list names the list '{name}', which does not exist (lists: {names})")
        elif name is not None:
            pairs.append((option_id, name))
    return tuple(pairs)


def _rules(reader: Reader, node: Node | None) -> tuple[Rule, ...]:
    if node is None:
        return ()
    if isinstance(node, Scalar):
        target = reader.ident(node, "next")
        return (Rule(target, None, node.where),) if target else ()
    rules = []
    for item in reader.sequence(node, "next"):
        fields = reader.mapping(item, "a next rule", item.where, ("goto",), ("when",))
        if fields is None:
            continue
        target = reader.ident(fields.values.get("goto"), "goto")
        when = fields.values.get("when")
        condition = read_condition(reader, when) if when is not None else None
        if target is not None and (when is None or condition is not None):
            rules.append(Rule(target, condition, fields.keys["goto"]))
    return tuple(rules)


def _advice(reader: Reader, node: Node) -> AdviceBlock | None:
    fields = reader.mapping(node, "an advice block", node.where, ("id",), ("when", "first_when"))
    if fields is None:
        return None
    advice_id = reader.ident(fields.values.get("id"), "the advice id")
    when = fields.values.get("when")
    condition = read_condition(reader, when) if when is not None else None
    first_node = fields.values.get("first_when")
    first_when = read_condition(reader, first_node) if first_node is not None else None
    if advice_id is None or (when is not None and condition is None) or (first_node is not None and first_when is None):
        return None
    return AdviceBlock(advice_id, condition, fields.where, first_when)


def read_condition(reader: Reader, node: Node) -> Condition | None:
    """A condition: {question, equals}, {question, any_of}, {all: [...]}, {any: [...]} or {not: ...}."""
    if not isinstance(node, Mapping):
        reader.problem(node.where, "a condition should be a set of keys such as {question: alder, equals: 6-12}")
        return None
    combiners = [key for key in COMBINER_KEYS if key in node.values]
    if combiners:
        reader.mapping(node, "a condition", node.where, (combiners[0],))
        if combiners[0] == "not":
            inner = read_condition(reader, node.values["not"])
            return Not(inner, node.where) if inner is not None else None
        nodes = reader.sequence(node.values[combiners[0]], combiners[0])
        items = [item for item in (read_condition(reader, each) for each in nodes) if item is not None]
        if not nodes:
            reader.problem(node.where, f"'{combiners[0]}' needs a list of conditions")
        if not nodes or len(items) != len(nodes):
            return None
        combine = And if combiners[0] == "all" else Or
        return combine(tuple(items), node.where)
    tests = [key for key in LEAF_KEYS if key in node.values]
    fields = reader.mapping(node, "a condition", node.where, ("question",), LEAF_KEYS)
    if fields is None or len(tests) != 1:
        if fields is not None:
            reader.problem(node.where, "a condition needs exactly one of 'equals' or 'any_of' beside 'question'")
        return None
    question = reader.ident(fields.values.get("question"), "the question in a condition")
    if tests[0] == "equals":
        value = reader.ident(fields.values["equals"], "the option in a condition")
        return Equals(question, value, node.where) if question and value else None
    values = reader.ident_list(fields.values["any_of"], "the options in a condition")
    if question is None or not values:
        return None
    return AnyOf(question, tuple(v for v, _ in values), node.where)
