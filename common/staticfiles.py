"""Front-end packages from npm, served as our own static files: only the files the site uses,
so collectstatic hashes and compresses a few hundred kilobytes rather than whole package
folders (every Bootstrap variant and source map, two dozen jQuery UI themes, each font
subset) and production serves nothing it never links."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class VendorFinder(BaseFinder):
    """Finds the files settings.STATIC_VENDOR_FILES names: {static path: source file}."""

    def __init__(self, *args, **kwargs):
        self.files = {name: Path(source) for name, source in settings.STATIC_VENDOR_FILES.items()}
        self.storages = {}

    def check(self, **kwargs):
        return [
            Error(f"{source} not found; run `npm ci`.", id="common.E001", obj=name)
            for name, source in self.files.items()
            if not source.is_file()
        ]

    def find(self, path, find_all=False):
        source = self.files.get(path)
        found = str(source) if source is not None and source.is_file() else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns):
        for name, source in self.files.items():
            yield source.name, self._storage(name, source)

    def _storage(self, name, source):
        """A storage at the source's folder whose files land under the name's folder."""
        key = (str(source.parent), str(Path(name).parent))
        if key not in self.storages:
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = str(Path(name).parent)
            self.storages[key] = storage
        return self.storages[key]
