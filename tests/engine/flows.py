"""Small flows built in code, for engine tests that must not depend on content files."""

from veileder.engine import AdviceBlock, AnyOf, Equals, Flow, Not, Option, Or, Question, QuestionKind, Rule


def options(*ids: str, exclusive: tuple[str, ...] = ()) -> tuple[Option, ...]:
    return tuple(Option(option_id, option_id in exclusive) for option_id in ids)


def family_flow() -> Flow:
    """age -> activity -(yes)-> place; -(no)-> barriers -> place."""
    return Flow(
        "familie",
        questions=(
            Question("alder", QuestionKind.SINGLE, options("barn", "ungdom")),
            Question(
                "aktivitet",
                QuestionKind.SINGLE,
                options("ja", "nei"),
                rules=(Rule("kommune", Equals("aktivitet", "ja")),),
            ),
            Question("hindring", QuestionKind.MULTIPLE, options("penger", "utstyr", "ingen", exclusive=("ingen",))),
            Question("kommune", QuestionKind.MUNICIPALITY, options("0301", "4601", "5612")),
        ),
        advice=(
            AdviceBlock("finn-aktivitet"),
            AdviceBlock("spor-nav", AnyOf("hindring", ("penger", "utstyr"))),
            AdviceBlock("fortsett", Or((Equals("aktivitet", "ja"), Not(Equals("alder", "barn"))))),
        ),
    )
