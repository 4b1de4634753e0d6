"""Files: where templates are found, how output is named; ``files.output`` writes them.

Safe, stable, ASCII file names from names in the data ("Troms og Finnmark – Romsa …")."""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

from reportgen.files.output import atomic_write as atomic_write  # the one way to write

# Letters NFKD does not reduce to ASCII (Norwegian, Sami).
_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "å": "a",
        "đ": "d",
        "ŋ": "n",
        "ŧ": "t",
        "ß": "ss",
        "þ": "th",
        "ð": "d",
        "ł": "l",
    }
)
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by "-": "Møre og Romsdal" → "more-og-romsdal".

    Path separators, "..", ":" and any other character become "-", so the result is
    always a single safe file-name part; an empty result becomes "x".
    """
    text = unicodedata.normalize("NFC", str(text)).lower().translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _NOT_SAFE.sub("-", ascii_text).strip("-")
    return cleaned[:max_length].rstrip("-") or "x"


def builtin_dir() -> Path:
    """The default templates: installed inside the package, or ``templates/`` of a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "templates"  # reportgen/templates
    return packaged if packaged.is_dir() else packaged.parent.parent / "templates"


class SearchPath:
    """Ordered template folders, each resolved (links followed); ``county`` adds each
    folder's ``counties/<code>/`` first. Raises TemplateError if a county folder leads
    outside its template folder: only files inside the real template folders are read."""

    def __init__(
        self, user_dir: Path | None = None, county: str | None = None, cwd: Path | None = None
    ) -> None:
        candidates = [user_dir, (cwd or Path.cwd()) / "templates", builtin_dir()]
        folders: list[Path] = []
        for folder in candidates:
            if folder is not None and folder.is_dir() and folder.resolve() not in folders:
                folders.append(folder.resolve())
        self.base_folders = folders
        self.folders = _with_county(folders, county)

    def find(self, name: str) -> Path | None:
        """The first file called ``name`` along the path (links resolved), or None.
        Raises TemplateError if it leads outside the template folders (see ``contained``)."""
        for folder in self.folders:
            path = folder / name
            if path.is_file():
                return self.contained(path)
        return None

    def contained(self, path: Path, key: str = "") -> Path:
        """``path`` with every link resolved, if it lies inside one of the template folders.

        A template, include, theme file, font, logo or picture is read only from there, so
        a link or a "../" path cannot put another file of the machine (/etc/passwd) into a
        memo. ``key`` names the setting that gave the path. Raises TemplateError otherwise.
        """
        return contained(path, self.base_folders, key)

    def listing(self) -> list[tuple[str, Path]]:
        """Every template file name with the folder it is used from (first match)."""
        seen: dict[str, Path] = {}
        for folder in self.folders:
            for path in sorted(folder.rglob("*")):
                name = path.relative_to(folder).as_posix()
                if path.is_file() and not _skipped(name) and name not in seen:
                    seen[name] = path
        return sorted(seen.items())


def contained(path: Path, folders, key: str = "") -> Path:
    """``path`` resolved (links followed) if it is inside one of ``folders`` (resolved too);
    else a TemplateError naming the file or folder, where it leads, and the fix."""
    from reportgen.errors import TemplateError

    real = Path(path).resolve()
    if any(real.is_relative_to(Path(f).resolve()) for f in folders):
        return real
    what = f"{key} names" if key else "leads to"
    kind = "folder" if real.is_dir() else "file"
    raise TemplateError(
        f"{what} a {kind} outside the template folders ({real}); reportgen reads templates, "
        "fonts and pictures only from inside them",
        file=path,
        fix=f"copy the {kind} into your template folder (not a link to it)"
        + (" and name it relative to that folder" if kind == "file" else ""),
    )


def _with_county(folders: list[Path], county: str | None) -> list[Path]:
    """``folders`` with each one's ``counties/<county>/`` (resolved) before it. Raises
    TemplateError if such a folder leads outside its template folder (a link to /etc)."""
    if county is None:
        return folders
    result = []
    for folder in folders:
        override = folder / "counties" / county
        if override.is_dir():
            result.append(contained(override, [folder]))
        result.append(folder)
    return result


def _skipped(name: str) -> bool:
    return name.startswith(("counties/", "__")) or "/__pycache__/" in name or name.endswith(".pyc")


def init_folder(destination: Path, *, force: bool = False) -> list[Path]:
    """Copy the default templates (with their README) into ``destination``.

    Raises ConfigError if a file would be overwritten and ``force`` is False.
    Returns the files written.
    """
    from reportgen.errors import ConfigError

    source = builtin_dir()
    files = [
        p
        for p in sorted(source.rglob("*"))
        if p.is_file() and not _skipped(p.relative_to(source).as_posix())
    ]
    targets = [destination / p.relative_to(source) for p in files]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise ConfigError(
            f"{existing[0]} already exists",
            fix="choose an empty folder, or add --force to overwrite",
        )
    for path, target in zip(files, targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return targets


_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_COMPRESSED = (".png", ".jpeg", ".jpg")


def reproducible_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps, attributes and compression, same entry order."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_EPOCH)
            info.create_system = 0
            info.external_attr = 0
            stored = entry.filename.endswith(_COMPRESSED)  # PNG/JPEG gain nothing from deflate
            target.writestr(
                info, source.read(entry), zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED, 6
            )
    return out.getvalue()
