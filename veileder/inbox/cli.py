"""`flask inbox …` (placeholder)."""

import click


@click.group("inbox")
def inbox() -> None:
    pass
