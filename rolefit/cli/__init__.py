"""The `rolefit` command: one Typer app, one module per command group.

Library errors become one-line messages here and nowhere else:
InputError -> exit 2, any other RolefitError -> exit 1. No traceback.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from rolefit.errors import InputError, RolefitError

__all__ = ["app", "main"]


class RolefitGroup(TyperGroup):
    """Turns rolefit errors raised by any command into one line on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(2) from None
        except RolefitError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="rolefit",
    cls=RolefitGroup,
    help="Make sense of AI and data roles: what a posting really is, which role fits you, how to move between roles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from rolefit.cli import (
        analyze_commands,
        ask_commands,
        knowledge_commands,
        model_commands,
        people_commands,
    )

    knowledge_commands.register(app)
    analyze_commands.register(app)
    model_commands.register(app)
    people_commands.register(app)
    ask_commands.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
