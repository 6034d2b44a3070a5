"""Sentences and their inputs as JSON, so a page can be written again in another language later.

In: typed slots and messages of :mod:`analysis.words`, numbers, timestamps, lists, dicts and pandas
frames. Out: plain JSON values (:func:`encode`) and back (:func:`decode`), exactly: a float stays the
same float (NaN and infinities included), a timestamp the same timestamp, a frame the same columns,
dtypes and values. A notebook's outputs carry their blocks this way (:mod:`analysis.present.blocks`),
and the report reads them back to write the Persian edition from the same execution.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pandas as pd

from . import All, Approx, Count, Date, Day, Est, Label, Link, Month, Msg, Num, Period, Points, Share, Signed, Stated, Text, Window, Year

#: The typed values that travel, by name.
TYPES: dict[str, type] = {c.__name__: c for c in (All, Approx, Count, Date, Day, Est, Label, Link, Month, Num, Period, Points, Share,
                                                   Signed, Stated, Text, Window, Year)}

#: Classes outside :mod:`analysis.words` that travel too (blocks register themselves here).
EXTRA: dict[str, type] = {}


def register(cls: type) -> type:
    """A dataclass decorator: instances of ``cls`` may be encoded (by name) and decoded."""
    EXTRA[cls.__name__] = cls
    return cls


def _float(x: float) -> Any:
    if math.isnan(x):
        return {"@": "nan"}
    if math.isinf(x):
        return {"@": "inf" if x > 0 else "-inf"}
    return x


def encode(v: Any) -> Any:
    """A JSON-ready value for ``v`` (see the module's notes)."""
    if v is None or isinstance(v, (str, bool)):
        return v
    if v is pd.NaT:
        return {"@": "nat"}
    if v is pd.NA:
        return {"@": "na"}
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return _float(float(v))
    if isinstance(v, pd.Timestamp):
        return {"@": "ts", "v": v.isoformat()}
    if isinstance(v, Msg):
        return {"@": "Msg", "key": v.key, "slots": {k: encode(x) for k, x in v.slots.items()}}
    if isinstance(v, pd.DataFrame):
        return {"@": "frame", "index": encode(list(v.index)),
                "columns": [[str(c), str(v[c].dtype), [encode(x) for x in v[c].tolist()]] for c in v.columns]}
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        name = type(v).__name__
        if name not in TYPES and name not in EXTRA:
            raise TypeError(f"cannot carry a {name}: register it with analysis.words.codec.register")
        return {"@": name, **{f.name: encode(getattr(v, f.name)) for f in dataclasses.fields(v)}}
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    if isinstance(v, dict):
        return {"@": "dict", "items": [[encode(k), encode(x)] for k, x in v.items()]}
    raise TypeError(f"cannot carry a {type(v).__name__}")


def _column(dtype: str, values: list) -> pd.Series:
    if dtype.startswith("datetime64"):
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype=dtype)
    if dtype in ("object", "str", "string"):
        return pd.Series(values, dtype=dtype if dtype != "object" else object)
    return pd.Series(values, dtype=dtype)


def decode(v: Any) -> Any:
    """The value :func:`encode` was given."""
    if isinstance(v, list):
        return [decode(x) for x in v]
    if not isinstance(v, dict):
        return v
    tag = v.get("@")
    if tag == "nan":
        return math.nan
    if tag == "inf":
        return math.inf
    if tag == "-inf":
        return -math.inf
    if tag == "nat":
        return pd.NaT
    if tag == "na":
        return pd.NA
    if tag == "ts":
        return pd.Timestamp(v["v"])
    if tag == "Msg":
        return Msg(v["key"], {k: decode(x) for k, x in v["slots"].items()})
    if tag == "dict":
        return {_hashable(decode(k)): decode(x) for k, x in v["items"]}
    if tag == "frame":
        data = {name: _column(dtype, [decode(x) for x in values]) for name, dtype, values in v["columns"]}
        frame = pd.DataFrame(data, columns=[c[0] for c in v["columns"]])
        frame.index = pd.Index(decode(v["index"])) if len(frame) else frame.index
        return frame
    cls = TYPES.get(tag) or EXTRA.get(tag)
    if cls is None:
        raise ValueError(f"unknown carried type {tag!r}")
    fields = {f.name: decode(v[f.name]) for f in dataclasses.fields(cls) if f.name in v}
    if cls is All:
        fields["items"] = tuple(fields["items"])
    return cls(**fields)


def _hashable(k: Any) -> Any:
    return tuple(k) if isinstance(k, list) else k
