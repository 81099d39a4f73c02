"""`content paths` tells the truth: every path it lists, replayed through the resolver, ends in a
complete state with exactly the advice it lists, in that order.

Property-based (hypothesis, derandomized): where a path stands for a group of answers (`*`, options
no condition names), any member of the group is drawn; answers to questions off the path are added
and must be ignored; the order of the answers in the address must not matter.
"""

from __future__ import annotations

from functools import cache

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from veileder.cli import content as content_command
from veileder.config import content_dir
from veileder.content import load_content
from veileder.engine import Flow, Path, resolve, select_advice
from veileder.engine.paths import enumerate_paths, referenced_options

CONTENT = load_content(content_dir({}))
ROLES = list(CONTENT.roles)
REPLAY = settings(max_examples=5, deadline=None, derandomize=True, database=None)


@cache
def listed_paths(role_id: str) -> tuple[list[str], list[str]]:
    """The path lines `content paths ROLE` prints, and the advice it says every path shows."""
    result = CliRunner().invoke(content_command, ["paths", role_id], env={"VEILEDER_CONTENT_DIR": str(content_dir({}))})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# {role_id}"
    always = next(line for line in lines if line.startswith("always shown: "))
    return [line for line in lines[1:] if " -> " in line], always.removeprefix("always shown: ").split(", ")


def draw_answers(draw: st.DrawFn, flow: Flow, path: Path) -> dict[str, list[str]]:
    """The answers a visitor could give to follow `path`, plus stray answers to questions off it."""
    mentioned = referenced_options(flow)
    given: dict[str, list[str]] = {}
    for step in path.steps:
        values = list(step.values)
        if step.others:
            question = flow.question(step.question)
            assert question is not None
            stand_in = question.option(values[-1])
            assert stand_in is not None
            group = [
                o.id
                for o in question.options
                if o.id not in mentioned.get(question.id, set()) and o.exclusive == stand_in.exclusive
            ]
            values[-1] = draw(st.sampled_from(group))
        given[step.question] = values
    for question in flow.questions:
        if question.id not in given and question.options and draw(st.booleans()):
            given[question.id] = [draw(st.sampled_from(question.option_ids))]
    keys = draw(st.permutations(list(given)))
    return {key: given[key] for key in keys}


@pytest.mark.parametrize("role_id", ROLES)
def test_content_paths_lists_exactly_what_the_engine_enumerates(role_id):
    flow = CONTENT.roles[role_id].flow
    lines, always = listed_paths(role_id)
    paths = list(enumerate_paths(flow))
    assert lines == [str(path) for path in paths]
    on_every_path = [block.id for block in flow.advice if all(block.id in path.advice for path in paths)]
    assert always == (on_every_path or ["(none)"])


@pytest.mark.parametrize("role_id", ROLES)
@given(data=st.data())
@REPLAY
def test_every_listed_path_replays_to_a_complete_state_with_exactly_its_advice(role_id, data):
    flow = CONTENT.roles[role_id].flow
    lines, _ = listed_paths(role_id)
    for line, path in zip(lines, enumerate_paths(flow), strict=True):
        answers = draw_answers(data.draw, flow, path)
        state = resolve(flow, answers)
        assert state.complete, line
        assert state.path == tuple(step.question for step in path.steps), line
        shown = ", ".join(block.id for block in select_advice(state))
        assert shown == line.split(" -> ")[1], line
