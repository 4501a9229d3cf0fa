"""Every package names its public API in __all__, and each name there can be imported: a script
that uses newsbot as a library reads the face, not the modules behind it."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import bot
import digests


def packages() -> list[str]:
    found = []
    for root in (digests, bot):
        found.append(root.__name__)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{root.__name__}."):
            if info.ispkg and ".migrations" not in info.name:
                found.append(info.name)
    return found


@pytest.mark.parametrize("name", packages())
def test_each_package_names_its_face_and_every_name_on_it_imports(name: str) -> None:
    package = importlib.import_module(name)
    assert isinstance(getattr(package, "__all__", None), list), f"{name} has no __all__"
    for public in package.__all__:
        assert getattr(package, public) is not None, f"{name}.{public}"
