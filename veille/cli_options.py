"""Options and choices shared by the command modules (veille.cli, veille.collect.commands)."""

from __future__ import annotations

import click

from veille.settings import default_db

EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
               "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
"""The PLOVER event types, as `--type` accepts them."""


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The store in use, for the one-line error of a fault no check named (see VeilleGroup)."""
    ctx.ensure_object(dict)["db"] = value or default_db()
    return value


db_option = click.option("--db", default=None, metavar="PATH", callback=_remember_db,
                         help="Store database (default: $VEILLE_DB or ./veille.db).")
no_nlp_option = click.option("--no-nlp", is_flag=True, help="Read and clean only: no spaCy layers (fast).")
