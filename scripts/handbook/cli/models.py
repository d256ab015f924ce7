"""`handbook models`: list the installed Argos Translate models, install one from a file (offline)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from handbook.core.project import TARGET_LANGUAGES
from handbook.translate.models import install_model, installed_models, packages_dir

MODEL_INDEX = "https://www.argosopentech.com/argospm/index/"


@click.group(name="models")
def models_command() -> None:
    """Argos Translate models for `handbook sync --engine argos`.

    Models are installed in $ARGOS_PACKAGES_DIR (default: $XDG_DATA_HOME/argos-translate/packages).
    This machine cannot download them: fetch translate-en_XX-*.argosmodel files elsewhere
    (https://www.argosopentech.com/argospm/index/), copy them here, then `handbook models install`.
    """


@models_command.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print {packages_dir, models: [...]} as JSON.")
def list_command(as_json: bool) -> None:
    """List the installed language pairs (reads metadata only; loads no model)."""
    models = installed_models()
    if as_json:
        payload = {"packages_dir": str(packages_dir()), "models": [model.as_dict() for model in models]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from handbook.cli.tables import add_path_column, print_table, table_console

    console = table_console()
    if models:
        table = Table("pair", "languages", "version", "sentence splitter")
        add_path_column(table, "folder", [model.path.name for model in models])
        for model in models:
            table.add_row(
                model.pair,
                f"{model.source_name} → {model.target_name}",
                model.version,
                "packaged" if model.has_splitter else "not packaged (MiniSBD cache)",
                model.path.name,
            )
        print_table(console, table)
    console.print(f"{len(models)} model(s) in {packages_dir()}", highlight=False)
    english_pairs = {model.pair for model in models}
    lacking = [code for code in TARGET_LANGUAGES if f"en → {code}" not in english_pairs]
    if lacking:
        console.print(
            f"no model yet for {', '.join(f'en → {code}' for code in lacking)}. To add one: on a machine "
            f"with internet access download translate-en_<lang>-*.argosmodel from {MODEL_INDEX}, copy it "
            "here and run `handbook models install FILE.argosmodel`.",
            highlight=False,
        )


@models_command.command(name="install")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def install_command(file: Path) -> None:
    """Install a downloaded FILE.argosmodel (no network is used)."""
    model = install_model(file)
    click.echo(f"installed {model.pair} ({model.source_name} → {model.target_name}) in {model.path}")
