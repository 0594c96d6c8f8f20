"""Help screens and usage errors start fast; they look the same as typer draws them.

Two costs of typer that a help screen does not need:

* typer draws help screens and usage errors with ``typer.rich_utils``, which imports, besides the
  rich pieces it draws with, ``rich.markdown`` (for ``rich_markup_mode="markdown"``; seamguard's
  help texts are rich markup) and ``rich.traceback`` (for typer's pretty exceptions, which
  seamguard turns off). With what they pull in (markdown-it, pygments, rich.pretty) they are about
  a third of ``seamguard --help``. :func:`install` makes the first import of ``typer.rich_utils``
  see stand-ins for them; a stand-in imports the real class the first time it is used, so nothing
  is lost if a later typer reaches them.
* :class:`Group`: see there (``seamguard check --help`` imported pydantic).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup, TyperOption

if TYPE_CHECKING:
    from typer._click import Context  # typer's own copy of click

__all__ = ["RENDERER", "STAND_INS", "Group", "install"]

RENDERER = "typer.rich_utils"
# module -> the names typer.rich_utils imports from it
STAND_INS = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}


class _Deferred(type):
    """A class standing in for ``module.name``: calls, attributes, isinstance reach the real one."""

    _module: str
    _name: str

    def _real(cls) -> Any:
        return getattr(importlib.import_module(cls._module), cls._name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._real()(*args, **kwargs)

    def __getattr__(cls, attribute: str) -> Any:
        return getattr(cls._real(), attribute)

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, cls._real())


def _stand_in(module: str, names: Sequence[str]) -> ModuleType:
    stand_in = ModuleType(module, f"Stand-in for {module} while {RENDERER} is imported.")
    for name in names:
        setattr(stand_in, name, _Deferred(name, (), {"_module": module, "_name": name}))
    return stand_in


class _Loader(Loader):
    """Runs typer.rich_utils with the stand-ins in sys.modules, then takes them out again."""

    def __init__(self, loader: Loader) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        added = {name: _stand_in(name, names) for name, names in STAND_INS.items()
                 if name not in sys.modules}
        sys.modules.update(added)
        try:
            self._loader.exec_module(module)
        except ImportError:  # a typer that imports more from them: the real modules, then
            _remove(added)
            added = {}
            self._loader.exec_module(module)
        finally:
            _remove(added)

    def __getattr__(self, attribute: str) -> Any:  # get_source, get_filename, is_package, ...
        return getattr(self._loader, attribute)


def _remove(added: dict[str, ModuleType]) -> None:
    for name, stand_in in added.items():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


class _Finder(MetaPathFinder):
    """Finds typer.rich_utils where the import system would, with :class:`_Loader` around it."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname != RENDERER:
            return None
        uninstall()
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


_FINDER = _Finder()


def install() -> None:
    """Make the first import of typer.rich_utils skip rich.markdown and rich.traceback."""
    if RENDERER not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)


# What a value that may be personal data or a secret has at least one of: a run of digits, an
# `@`, a character beyond ASCII, a long token. A usage error without one ("No such option:
# --no-such-option") is printed without loading the privacy package.
_MAYBE_PERSONAL = re.compile(r"\d{4}|@|[^\x00-\x7f]|[A-Za-z0-9_+/=]{16}")


def _mask_message(exc: Any) -> None:
    """A usage error's message with the values it echoes from the command line masked (an
    argument may be a customer's phone number or a token, and the error goes to a CI log).
    A help screen shown for a command given no arguments is no echo: left as it is."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        return
    texts = [exc.message, *(getattr(exc, "possibilities", None) or [])]
    if not any(isinstance(text, str) and _MAYBE_PERSONAL.search(text) for text in texts):
        return
    from seamguard.privacy.guard import mask_text

    exc.message = mask_text(exc.message)
    if getattr(exc, "possibilities", None):
        exc.possibilities = [mask_text(p) for p in exc.possibilities]


class Group(TyperGroup):
    """typer's group, whose ``--help`` flag is False when not given, as its other flags are.

    ``seamguard check --help`` first reads the options of ``seamguard``, where ``--help`` is not
    given. typer's help flag has no default, so its value is None, which typer coerces through a
    pydantic TypeAdapter: importing pydantic and building the adapter cost more than the help
    screen of ``check``. A bool needs no coercion. The flag means the same either way.
    """

    def make_context(self, info_name: str | None, args: list[str],
                     parent: Context | None = None, **extra: Any) -> Context:
        if parent is None:
            ignore_unusable_columns()
        return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: Context) -> Any:
        """Run the subcommand; an unknown option's usage error names what to write instead
        (another tool's spelling, or the nearest option), see ``seamguard.foreign_options``."""
        from typer._click.exceptions import ClickException, NoSuchOption, UsageError

        try:
            return super().invoke(ctx)
        except UsageError as exc:
            _mask_message(exc)
            if not isinstance(exc, NoSuchOption):
                if exc.ctx is None:  # an option without its value: click's parser has no
                    exc.ctx = _sub_context(self, ctx)  # context, so no usage and no help line
                raise
            from seamguard.foreign_options import explain

            command = exc.ctx.command if exc.ctx is not None else None
            known = [name for param in getattr(command, "params", [])
                     for name in (*param.opts, *param.secondary_opts)]
            better = explain(exc.option_name, known, getattr(command, "name", None) or "")
            if better is not None:
                exc.message, exc.possibilities = better, None
                _mask_message(exc)
            raise
        except ClickException as exc:
            _mask_message(exc)
            raise

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        """The subcommand; an unknown one's usage error names the command another tool's
        spelling stands for (``contract breaking`` -> ``contract diff --breaking-only``)."""
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            from seamguard.foreign_options import explain_command

            name = args[0] if args else ""
            group = "" if ctx.parent is None else (self.name or "")
            better = explain_command(name, group, self.list_commands(ctx))
            if better is not None:
                exc.message = better
            _mask_message(exc)
            raise

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


# Narrower than this, every line of a report or an error folds into a column of a few letters
# (COLUMNS=0, which some CI runners set, prints nothing at all).
MIN_COLUMNS = 40


def ignore_unusable_columns() -> None:
    """Forget a ``COLUMNS`` no report can be printed in, so the default width applies."""
    value = os.environ.get("COLUMNS")
    if value is None:
        return
    try:
        usable = int(value) >= MIN_COLUMNS
    except ValueError:
        usable = False
    if not usable:
        del os.environ["COLUMNS"]


def _sub_context(group: Group, ctx: Context) -> Context:
    """The context of the subcommand being parsed (for its usage line), else the group's."""
    name = ctx.invoked_subcommand
    command = group.get_command(ctx, name) if name else None
    if command is None or name is None:
        return ctx
    try:
        return command.make_context(name, [], parent=ctx, resilient_parsing=True)
    except Exception:  # only for the usage line: the group's will do
        return ctx
