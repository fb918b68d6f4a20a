"""Records <-> JSON-able dicts, both ways, so per-article results can be stored and read back.

One generic pair driven by the dataclasses' own type hints: a new field on a record is serialised
without touching this module. Dates become ISO strings, tuples become lists, nested records nest.
This is the store's internal format; the public shapes are `sortie.geodata.output` and
`sortie.geodata.store.export`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache
from typing import Any, TypeVar

from sortie.geodata import records

T = TypeVar("T")


def to_jsonable(obj: Any) -> Any:
    """A record (or any nesting of records, dates, tuples, lists, dicts) as plain JSON values."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _field_names(cls)
    if names is not None:
        return {name: to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    return obj


# The store writes every citation of a much-cited feature again on each change: this runs a
# million times in a big ingest, so the common cases are settled by the type alone.
_PLAIN = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for any other type), found once per type."""
    if cls not in _FIELD_NAMES:
        is_record = dataclasses.is_dataclass(cls)
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if is_record else None
    return _FIELD_NAMES[cls]


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a record of type `cls` from what `to_jsonable` gave; validation runs as on creation."""
    return typing.cast(T, _decode(cls, data))


@cache
def _hints(cls: type) -> dict[str, Any]:
    # Records use `from __future__ import annotations`: resolve the strings in their module.
    return typing.get_type_hints(cls, vars(records))


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(members[0], data) if len(members) == 1 else data
    if origin is tuple:
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        return tuple(_decode(inner, v) for v in data)
    if origin is list:
        (inner,) = typing.get_args(tp) or (Any,)
        return [_decode(inner, v) for v in data]
    if origin is dict:
        return dict(data)
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)  # type: ignore[arg-type]
        kwargs = {
            f.name: _decode(hints[f.name], data[f.name]) for f in dataclasses.fields(tp) if f.name in data
        }
        return tp(**kwargs)  # type: ignore[operator]
    if tp is float and isinstance(data, int):
        return float(data)
    return data
