"""Pytest plugin: tiny copy-model Argos packages, built and installed once per session, no network.

`marker_model` swaps one pair for the tiny *marker* model (every sentence comes back as "⁂ " + the
sentence) for one test, so a test can tell output that went through the model from its input.

Registered in tests/conftest.py (`pytest_plugins`). Argos reads its settings once, at import,
so the fixture points ARGOS_PACKAGES_DIR at a session folder and imports Argos with the XDG
folders (Argos' data/config/cache, MiniSBD's cache) inside that folder too; `$HOME` is untouched.
Any test that uses Argos (the engine, `handbook sync --engine argos`) should request `tiny_argos`.

With HANDBOOK_TINY_MODEL_CACHE set to a folder, the model parts (tokenizer, copy and marker models,
splitter) and the copy-model packages are built there once and reused by later pytest runs while
`tinymodel.py` is unchanged:
`bench/mutate.py` sets it so that mutants do not each rebuild them. Unset (CI, a plain run), every
session builds its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Pairs installed for every test: the four target languages, plus he → en and th → en so that
# he → ar pivots through English and Thai sources exercise pythainlp's sentence splitter.
TINY_PAIRS = (("en", "he"), ("en", "ar"), ("en", "th"), ("en", "ru"), ("he", "en"), ("th", "en"))


@dataclass(frozen=True)
class TinyArgos:
    """The session's Argos setup: where packages live and the archives built for it."""

    root: Path
    packages_dir: Path
    archives: dict[tuple[str, str], Path]
    parts: object  # handbook.translate.tinymodel.TinyModelParts

    def build(self, source: str, target: str, dest: Path, **options) -> Path:
        """Another tiny package (not installed), e.g. without a sentence splitter."""
        from handbook.translate.tinymodel import build_package

        return build_package(self.parts, source, target, dest, **options)


@pytest.fixture(scope="session")
def tiny_argos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TinyArgos]:

    root = tmp_path_factory.mktemp("argos")
    packages = root / "packages"
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    os.environ.setdefault("PYTHAINLP_DATA", str(root / "pythainlp-data"))
    if "argostranslate.settings" in sys.modules:
        from argostranslate import settings

        if Path(settings.package_data_dir) != packages:
            pytest.fail(
                "argostranslate was imported before the tiny_argos fixture ran "
                f"(packages in {settings.package_data_dir}); request tiny_argos in that test"
            )
    xdg = {name: str(root / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    saved = {name: os.environ.get(name) for name in xdg}
    os.environ.update(xdg)
    try:
        from handbook.translate.models import import_argos

        import_argos()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    import argostranslate.package

    parts = _model_parts(root / "build")
    archives = {}
    for source, target in TINY_PAIRS:
        archive = _archive(parts, source, target, root / "archives")
        argostranslate.package.install_from_path(archive)
        archives[(source, target)] = archive
    yield TinyArgos(root, packages, archives, parts)


def _archive(parts, source: str, target: str, dest: Path) -> Path:
    """The copy-model package for a pair: built in `dest`, or reused from the parts' cache folder."""
    from handbook.translate import tinymodel

    if not os.environ.get("HANDBOOK_TINY_MODEL_CACHE"):
        return tinymodel.build_package(parts, source, target, dest)
    cached = Path(parts.model_dir).parent / "archives" / f"{source}_{target}.argosmodel"
    if not cached.is_file():  # built aside, then moved in whole: parallel mutation jobs share it
        built = tinymodel.build_package(parts, source, target, dest)
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}")
        shutil.copyfile(built, partial)
        os.replace(partial, cached)
    return cached


def _model_parts(build_dir: Path) -> object:
    """Build the tiny model parts in `build_dir`, or reuse those in HANDBOOK_TINY_MODEL_CACHE."""
    from handbook.translate import tinymodel

    cache = os.environ.get("HANDBOOK_TINY_MODEL_CACHE")
    if not cache:
        return tinymodel.build_parts(build_dir)
    key = hashlib.sha256(Path(tinymodel.__file__).read_bytes()).hexdigest()[:16]
    folder = Path(cache) / key
    fields = ("sentencepiece_model", "model_dir", "minisbd_model", "marker_model_dir")
    index = folder / "parts.json"
    if not index.is_file():  # written last: a half-built folder is built again
        shutil.rmtree(folder, ignore_errors=True)
        built = tinymodel.build_parts(folder)
        paths = {name: getattr(built, name).relative_to(folder).as_posix() for name in fields}
        index.write_text(json.dumps(paths), encoding="utf-8")
    paths = json.loads(index.read_text(encoding="utf-8"))
    return tinymodel.TinyModelParts(*(folder / paths[name] for name in fields))


@pytest.fixture()
def marker_model(tiny_argos: TinyArgos, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """`marker_model(source, target)` installs the marker model for that pair until the test ends."""
    import argostranslate.package
    from argostranslate.translate import get_installed_languages

    from handbook.translate.tinymodel import build_package

    swapped: list[tuple[str, str]] = []

    def install(source: str, target: str) -> None:
        folder = tiny_argos.packages_dir / f"translate-{source}_{target}-tiny"
        shutil.rmtree(folder, ignore_errors=True)
        archive = build_package(
            tiny_argos.parts, source, target, tmp_path_factory.mktemp("marker"), model="marker"
        )
        argostranslate.package.install_from_path(archive)
        get_installed_languages.cache_clear()
        swapped.append((source, target))

    yield install
    for source, target in swapped:  # put back the session's copy model, or nothing
        shutil.rmtree(tiny_argos.packages_dir / f"translate-{source}_{target}-tiny", ignore_errors=True)
        if (source, target) in tiny_argos.archives:
            argostranslate.package.install_from_path(tiny_argos.archives[(source, target)])
    get_installed_languages.cache_clear()


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
