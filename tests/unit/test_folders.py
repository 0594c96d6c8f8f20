"""A folder the system will not list is an error naming it, not a folder with nothing in it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from seamguard.document_reading import read_bytes
from seamguard.errors import DocumentError, PathRefused, UsageError
from seamguard.folders import entries


def _shown(path: Path) -> str:
    return path.name


def test_entries_lists_matching_names_at_every_depth(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("x.yaml", "a/y.json", "a/b/z.yml", "a/b/skip.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    found = entries(tmp_path, (".yaml", ".yml", ".json"), shown=_shown)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/b/z.yml", "a/y.json", "folder.yaml", "x.yaml"]
    assert [p.name for p in entries(tmp_path, (".yaml",), shown=_shown, recursive=False)] == [
        "folder.yaml", "x.yaml"]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    inner = tmp_path / "cassettes" / "shop"
    inner.mkdir(parents=True)
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == inner:
            raise PermissionError(errno.EACCES, "Permission denied", str(inner))
        return real(path)  # type: ignore[arg-type]
    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(UsageError) as caught:
        entries(tmp_path / "cassettes", (".yaml",), shown=_shown)
    assert caught.value.file == "shop"
    assert "Permission denied" in caught.value.message
    assert caught.value.hint


def test_a_file_the_user_may_not_read_is_a_path_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text("interactions: []\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(os, "open", refuse)  # root may read anything: the refusal is simulated
    with pytest.raises(PathRefused, match="Permission denied"):
        read_bytes(path)


def test_a_link_loop_is_damage_to_the_file_not_a_refusal(tmp_path: Path) -> None:
    loop = tmp_path / "orders.yaml"
    loop.symlink_to(loop)
    with pytest.raises(DocumentError) as caught:
        read_bytes(loop)
    assert not isinstance(caught.value, PathRefused)


def test_entries_match_a_suffix_in_any_case(tmp_path: Path) -> None:
    for name in ("a.YAML", "b.Yml", "c.JSON", "d.yaml", "e.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    found = entries(tmp_path, (".yaml", ".yml", ".json"), shown=_shown)
    assert [p.name for p in found] == ["a.YAML", "b.Yml", "c.JSON", "d.yaml"]


def test_a_cassette_with_an_upper_case_suffix_is_listed(tmp_path: Path) -> None:
    from seamguard.project import find_project
    from tests.support.projects import good_order, interaction, mini_project, write_cassette

    root = mini_project(tmp_path, interactions=[interaction({"order": good_order()})])
    write_cassette(root / "fixtures" / "cassettes" / "more.YML",
                   [interaction({"order": good_order(status="lost")})])
    assert [p.name for p in find_project(root).cassette_files()] == ["more.YML", "orders.yaml"]
