"""`handbook models list | install`: installed pairs, offline installs, clear errors for bad files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_argos import TINY_PAIRS

from handbook.cli.main import main

pytestmark = pytest.mark.usefixtures("no_network")


def _invoke(*args: str):
    return CliRunner().invoke(main, ["models", *args])


def test_list_json_shows_every_installed_pair(tiny_argos) -> None:
    result = _invoke("list", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["packages_dir"] == str(tiny_argos.packages_dir)
    pairs = [(m["source"], m["target"]) for m in payload["models"]]
    assert pairs == sorted(TINY_PAIRS)
    first = payload["models"][0]
    assert first == {
        "source": "en",
        "target": "ar",
        "source_name": "English",
        "target_name": "Arabic",
        "version": "0.0.1",
        "path": str(tiny_argos.packages_dir / "translate-en_ar-tiny"),
        "sentence_splitter": True,
    }


def test_list_table(tiny_argos) -> None:
    result = _invoke("list")
    assert result.exit_code == 0, result.output
    assert "en → th" in result.output
    assert "English → Thai" in result.output
    assert f"6 model(s) in {tiny_argos.packages_dir}" in result.output.replace("\n", "")


def test_list_names_a_stray_folder(tiny_argos) -> None:
    stray = tiny_argos.packages_dir / "unzipped-by-hand"
    stray.mkdir()
    try:
        result = _invoke("list")
    finally:
        stray.rmdir()
    assert result.exit_code == 1
    assert result.output == (
        f"error: {stray}: not an Argos Translate package: there is no metadata.json in this folder, "
        "and Argos cannot translate anything while it is there\n"
        "  fix: delete the folder, or reinstall its model with `handbook models install FILE.argosmodel` "
        f"(packages live in {tiny_argos.packages_dir})\n"
    )


def test_install_then_translate(tiny_argos, tmp_path: Path) -> None:
    from argostranslate.translate import get_installed_languages

    from handbook.translate.argos import ArgosEngine

    archive = tiny_argos.build("ar", "en", tmp_path)
    result = _invoke("install", str(archive))
    installed = tiny_argos.packages_dir / "translate-ar_en-tiny"
    try:
        assert result.exit_code == 0, result.output
        assert result.output == f"installed ar → en (Arabic → English) in {installed}\n"
        engine = ArgosEngine(protected_terms=())
        assert engine.translate(["مرحبا. كيف حالك؟"], "ar", "he") == ["مرحبا. كيف حالك؟"]
    finally:
        shutil.rmtree(installed)
        get_installed_languages.cache_clear()


def _bad_archive(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "no such file\n  fix: pass the path of a downloaded .argosmodel file"),
        (
            "<html>Not Found</html>",
            "not an Argos Translate model: an .argosmodel file is a zip archive, this is not one\n"
            "  fix: download the file again; it may be truncated or an HTML error page",
        ),
        (
            {"metadata.json": "{}", "model/model.bin": ""},
            "not an Argos Translate model: expected one top-level folder in the archive, "
            "found metadata.json, model\n"
            "  fix: download the .argosmodel file again from the Argos package index",
        ),
        (
            {"pkg/model/model.bin": ""},
            "not an Argos Translate model: pkg/metadata.json is missing\n"
            "  fix: download the .argosmodel file again from the Argos package index",
        ),
        (
            {"pkg/metadata.json": '{"from_code": "en"}', "pkg/model/model.bin": ""},
            "pkg/metadata.json names no from_code/to_code pair\n"
            "  fix: download the .argosmodel file again from the Argos package index",
        ),
        (
            {"pkg/metadata.json": '{"from_code": "en", "to_code": "he"}', "pkg/README.md": ""},
            "not an Argos Translate model: pkg/model/ (the CTranslate2 model) is missing\n"
            "  fix: download the .argosmodel file again from the Argos package index",
        ),
    ],
    ids=["missing", "not-zip", "no-folder", "no-metadata", "no-pair", "no-model"],
)
def test_install_rejects_bad_files(tiny_argos, tmp_path: Path, files, message: str) -> None:
    path = tmp_path / "translate-en_he.argosmodel"
    if isinstance(files, str):
        path.write_text(files, encoding="utf-8")
    elif files is not None:
        _bad_archive(path, files)
    before = sorted(tiny_argos.packages_dir.iterdir())
    result = _invoke("install", str(path))
    assert result.exit_code == 1
    assert result.output == f"error: {path}: {message}\n"
    assert sorted(tiny_argos.packages_dir.iterdir()) == before


def test_cli_in_a_fresh_process_uses_argos_packages_dir(tiny_argos, tmp_path: Path) -> None:
    # A new process: the environment must be set before argostranslate is imported.
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    handbook = [str(Path(sys.executable).with_name("handbook"))]
    empty = subprocess.run([*handbook, "models", "list", "--json"], env=env, capture_output=True, text=True)
    assert empty.returncode == 0, empty.stderr
    assert json.loads(empty.stdout)["models"] == []
    archive = tiny_argos.archives[("en", "he")]
    done = subprocess.run(
        [*handbook, "models", "install", str(archive)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([*handbook, "models", "list", "--json"], env=env, capture_output=True, text=True)
    models = json.loads(listed.stdout)["models"]
    assert [(m["source"], m["target"]) for m in models] == [("en", "he")]
    assert models[0]["path"] == str(tmp_path / "packages" / "translate-en_he-tiny")
