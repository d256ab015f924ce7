"""Every command explains itself: --help works and says something for each command and option."""

from __future__ import annotations

import click
from click.testing import CliRunner

from handbook.cli.main import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for path, command in _commands(main):
        assert command.help, f"handbook {' '.join(path)} has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"handbook {' '.join(path)} {param.opts[0]} has no help text"
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output


def test_unknown_language_is_a_clear_error() -> None:
    from handbook.core.errors import HandbookError
    from handbook.core.project import language

    try:
        language("xx")
    except HandbookError as error:
        assert error.format_message() == (
            "unknown language code 'xx'; expected one of: en, he, ar, th, ru\n"
            "  fix: pass one of the listed codes with --lang"
        )
    else:
        raise AssertionError("no error for an unknown language")
