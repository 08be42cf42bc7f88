import io
import zipfile
from pathlib import Path

import pytest

from newsroom.imports import services
from tests import factories

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def page(name: str) -> bytes:
    """One of the invented fixture pages, as bytes."""
    return (PAGES / name).read_bytes()


def upload(name: str, data: bytes) -> services.Upload:
    return services.Upload(name=name, size=len(data), open=lambda: io.BytesIO(data))


def zipped(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def import_files(files: dict[str, bytes], user=None):
    """Create a batch from name -> bytes and run it in this process, as the worker would."""
    batch = services.create_batch([upload(n, d) for n, d in files.items()], user=user, queue=False)
    services.run_batch(batch.pk)
    batch.refresh_from_db()
    return batch


def outcomes(batch) -> dict[str, str]:
    return {item.source: item.outcome for item in batch.items.all()}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # As deployed: the public media folder and the private var folder side by side.
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"


@pytest.fixture
def known_donors(db):
    eu = factories.DonorFactory(name_en="European Union", short_name="EU", country="")
    factories.DonorAliasFactory(donor=eu, alias="EU")
    nl = factories.DonorFactory(name_en="Kingdom of the Netherlands", short_name="Netherlands", country="NL")
    return {"eu": eu, "nl": nl}


@pytest.fixture
def press_contact(db):
    return factories.ContactFactory(name="Leila Haddad", email="LHaddad@example.org")
