"""Installed Argos Translate models: where they live, which pairs they give, installing a file offline.

Argos reads its settings once, at import, from the environment. `configure_environment()` sets
them first (packages directory, one intra-op thread, large token batches, local models only), and
`import_argos()` is the one place that imports `argostranslate`. Listing packages reads their
`metadata.json` directly, so `handbook models list` never loads a model or touches the network.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from handbook.core.errors import HandbookError

# Measured on 2 shared cores: one intra-op thread and ~1024-token batches are several times
# faster than Argos' defaults (all cores, 32 tokens). Users may override both in the environment.
DEFAULT_INTRA_THREADS = "1"
DEFAULT_BATCH_SIZE = "1024"
ARGOS_INDEX_URL = "https://www.argosopentech.com/argospm/index/"


def packages_dir() -> Path:
    """Where models are installed: `$ARGOS_PACKAGES_DIR`, else `$XDG_DATA_HOME/argos-translate/packages`."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit).expanduser().absolute()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser().absolute() / "argos-translate" / "packages"


def configure_environment() -> None:
    """Set Argos' environment before its first import (it reads settings once, at import time)."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir())
    os.environ.setdefault("ARGOS_INTRA_THREADS", DEFAULT_INTRA_THREADS)
    os.environ.setdefault("ARGOS_BATCH_SIZE", DEFAULT_BATCH_SIZE)
    # Local models only: other providers call a web API; MiniSBD is the only splitter installed.
    os.environ["ARGOS_MODEL_PROVIDER"] = "OPENNMT"
    os.environ["ARGOS_CHUNK_TYPE"] = "MINISBD"


def import_argos() -> ModuleType:
    """Configure the environment, import `argostranslate.translate`, and check its settings took."""
    configure_environment()
    try:
        import argostranslate.package  # noqa: F401 - install_from_path lives here
        import argostranslate.translate
        from argostranslate import settings
    except ImportError as exc:
        raise HandbookError(
            f"Argos Translate is not installed ({exc})",
            fix="pip install 'argos-translate-lt==1.12.1' (never together with argostranslate)",
        ) from None
    wanted = packages_dir().resolve()
    if Path(settings.package_data_dir).resolve() != wanted:
        raise HandbookError(
            f"Argos Translate was imported earlier with packages in {settings.package_data_dir}, "
            f"but ARGOS_PACKAGES_DIR is now {wanted}",
            fix="set ARGOS_PACKAGES_DIR before anything imports argostranslate",
        )
    return argostranslate.translate


@dataclass(frozen=True)
class InstalledModel:
    """One installed translation package, as its metadata.json describes it."""

    source: str
    target: str
    source_name: str
    target_name: str
    version: str
    path: Path
    has_splitter: bool  # carries minisbd/*.onnx, so sentence splitting never downloads

    @property
    def pair(self) -> str:
        return f"{self.source} → {self.target}"

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "source_name": self.source_name,
            "target_name": self.target_name,
            "version": self.version,
            "path": str(self.path),
            "sentence_splitter": self.has_splitter,
        }


def _read_metadata(path: Path) -> dict:
    """The metadata.json of one package folder, or a HandbookError saying what is wrong with it."""
    metadata_path = path / "metadata.json"
    if not metadata_path.is_file():
        raise HandbookError(
            "not an Argos Translate package: there is no metadata.json in this folder, "
            "and Argos cannot translate anything while it is there",
            path=path,
            fix=f"delete the folder, or reinstall its model with `handbook models install FILE.argosmodel` "
            f"(packages live in {path.parent})",
        )
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HandbookError(
            f"metadata.json is not valid JSON ({exc})",
            path=metadata_path,
            fix="reinstall the model with `handbook models install FILE.argosmodel`",
        ) from None
    if not isinstance(metadata, dict):
        raise HandbookError(
            f"metadata.json should hold an object, found {type(metadata).__name__}",
            path=metadata_path,
            fix="reinstall the model with `handbook models install FILE.argosmodel`",
        )
    return metadata


def _model_from(path: Path, metadata: dict) -> InstalledModel | None:
    if metadata.get("type", "translate") != "translate":
        return None
    splitter_dir = path / "minisbd"
    return InstalledModel(
        source=str(metadata.get("from_code", "")),
        target=str(metadata.get("to_code", "")),
        source_name=str(metadata.get("from_name", "")),
        target_name=str(metadata.get("to_name", "")),
        version=str(metadata.get("package_version", "")),
        path=path,
        has_splitter=splitter_dir.is_dir() and any(splitter_dir.glob("*.onnx")),
    )


def installed_models(directory: Path | None = None) -> list[InstalledModel]:
    """Every installed translation package, sorted by pair; a broken folder is a HandbookError."""
    directory = directory or packages_dir()
    if not directory.is_dir():
        return []
    models = []
    for path in sorted(p for p in directory.iterdir() if p.is_dir()):
        model = _model_from(path, _read_metadata(path))
        if model is not None:
            models.append(model)
    return sorted(models, key=lambda m: (m.source, m.target, m.version, str(m.path)))


def missing_pair_error(source: str, target: str, missing: list[tuple[str, str]]) -> HandbookError:
    """The message for an untranslatable pair: which packages are missing and how to get them offline."""
    where = f"installed in {packages_dir()}"
    if (source, target) in missing:
        found = f"no Argos Translate model for {source} → {target} {where}"
    else:
        route = " and ".join(f"{s} → {t}" for s, t in missing)
        found = (
            f"no Argos Translate model for {source} → {target} {where}, "
            f"neither direct nor through English (missing: {route})"
        )
    files = " and ".join(f"translate-{s}_{t}-*.argosmodel" for s, t in missing)
    return HandbookError(
        found,
        fix=f"on a machine with internet access download {files} from {ARGOS_INDEX_URL}, copy it here "
        "and run `handbook models install FILE.argosmodel` (or sync with --engine none)",
    )


def _check_archive(path: Path) -> tuple[str, dict]:
    """Validate an .argosmodel before installing: one top-level folder with metadata.json and model/."""
    if not path.is_file():
        raise HandbookError(
            "no such file",
            path=path,
            fix="pass the path of a downloaded .argosmodel file",
        )
    if not zipfile.is_zipfile(path):
        raise HandbookError(
            "not an Argos Translate model: an .argosmodel file is a zip archive, this is not one",
            path=path,
            fix="download the file again; it may be truncated or an HTML error page",
        )
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.strip("/")]
        tops = sorted({name.split("/", 1)[0] for name in names})
        if len(tops) != 1 or not any("/" in name for name in names):
            raise HandbookError(
                f"not an Argos Translate model: expected one top-level folder in the archive, "
                f"found {', '.join(tops) or 'nothing'}",
                path=path,
                fix="download the .argosmodel file again from the Argos package index",
            )
        top = tops[0]
        try:
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
        except KeyError:
            raise HandbookError(
                f"not an Argos Translate model: {top}/metadata.json is missing",
                path=path,
                fix="download the .argosmodel file again from the Argos package index",
            ) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HandbookError(
                f"{top}/metadata.json is not valid JSON ({exc})",
                path=path,
                fix="download the .argosmodel file again from the Argos package index",
            ) from None
        if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
            raise HandbookError(
                f"{top}/metadata.json names no from_code/to_code pair",
                path=path,
                fix="download the .argosmodel file again from the Argos package index",
            )
        if metadata.get("type", "translate") == "translate" and not any(
            name.startswith(f"{top}/model/") for name in names
        ):
            raise HandbookError(
                f"not an Argos Translate model: {top}/model/ (the CTranslate2 model) is missing",
                path=path,
                fix="download the .argosmodel file again from the Argos package index",
            )
    return top, metadata


def install_model(path: Path) -> InstalledModel:
    """Install an .argosmodel file with Argos' own `install_from_path`; never downloads anything."""
    path = Path(path)
    top, metadata = _check_archive(path)
    import_argos()
    import argostranslate.package

    packages_dir().mkdir(parents=True, exist_ok=True)
    argostranslate.package.install_from_path(path)
    installed = packages_dir() / top
    model = _model_from(installed, _read_metadata(installed))
    if model is None:
        raise HandbookError(
            f"installed {top}, but it is a {metadata.get('type')!r} package, not a translation model",
            path=path,
            fix="install a translate-*.argosmodel file",
        )
    return model
