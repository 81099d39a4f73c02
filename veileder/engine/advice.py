"""Select the advice for a finished path."""

from __future__ import annotations

from veileder.engine.model import AdviceBlock
from veileder.engine.resolver import State


def select_advice(state: State) -> tuple[AdviceBlock, ...]:
    """The advice blocks whose conditions hold for the state's answers, in the flow's order.

    An unfinished state gets no advice: advice is chosen for a whole path only.
    """
    if not state.complete:
        return ()
    return tuple(block for block in state.flow.advice if block.applies(state.answers))
