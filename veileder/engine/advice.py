"""Select the advice for a finished path."""

from __future__ import annotations

from veileder.engine.model import AdviceBlock
from veileder.engine.resolver import State


def select_advice(state: State) -> tuple[AdviceBlock, ...]:
    """The advice blocks whose conditions hold for the state's answers, in the result's order.

    An unfinished state gets no advice: advice is chosen for a whole path only.
    """
    if not state.complete:
        return ()
    return state.flow.advice_for(state.answers)
