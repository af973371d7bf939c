"""Built-in templates: complete maps drawn from customer-success practice, shipped as .cjm files."""

from __future__ import annotations

from importlib import resources

from journeymap.io.cjm import loads
from journeymap.io.errors import MapFileError
from journeymap.model import JourneyMap

SAMPLE_TEMPLATE = "saas-post-sale"


def template_names() -> list[str]:
    folder = resources.files("journeymap.resources") / "templates"
    return sorted(entry.name.removesuffix(".cjm") for entry in folder.iterdir() if entry.name.endswith(".cjm"))


def load_template(name: str) -> JourneyMap:
    if name not in template_names():
        raise MapFileError(name, f"no such template; choose one of {', '.join(template_names())}")
    source = resources.files("journeymap.resources") / "templates" / f"{name}.cjm"
    return loads(source.read_bytes(), f"template {name}")


def load_sample() -> JourneyMap:
    """The map the app opens on when no file is given."""
    return load_template(SAMPLE_TEMPLATE)
