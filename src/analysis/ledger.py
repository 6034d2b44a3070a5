"""The ledger: every source and every figure, validated, loaded through one function.

Two tab-separated files in ``data/`` (or ``$ISIPO_DATA_DIR``), UTF-8, one row per line:

- ``sources.tsv``: one row per published report (the seed included, marked ``primary = yes``);
- ``figures.tsv``: one row per number a source states.

:func:`load_ledger` reads both, checks every field of every row, and either returns a
:class:`Ledger` or raises :class:`LedgerError` listing *every* problem found, each naming the
file, the line (and figure or source id) and the field, in words that say what to fix.
Nothing is dropped or coerced silently. A byte-order mark and Windows line endings are accepted.

Checks run on whole columns at once (no Python loop over rows), so a ledger many times the
present size loads quickly; ``make bench`` measures it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import calendar, paths, vocab
from .bounds import QUALIFIERS, bounds_columns
from .seed import SeedError, read_provenance, read_seed

SOURCES_FILE = "sources.tsv"
FIGURES_FILE = "figures.tsv"

#: Columns of ``sources.tsv``, in order, with what each holds (the README codebook repeats this).
SOURCES_COLUMNS: dict[str, str] = {
    "source_id": "S00 for the seed, S01.. for other reports; unique",
    "publisher": "the outlet",
    "language": "en, fa or ar",
    "url": "the report's address (may be empty when unknown; the citation then names it)",
    "published": "YYYY-MM-DD when the page shows a date, else empty",
    "published_earliest": "earliest possible publication date, YYYY-MM-DD",
    "published_latest": "latest possible publication date, YYYY-MM-DD",
    "date_basis": "how the date is known: shown, url_date, id_interpolation or text_clues",
    "citation": "publisher, date and address in short",
    "licence": "the licence of the text, where known",
    "seed_file": "for a source whose text is kept in seeds/: its file name",
    "primary": "yes for the primary source (the seed), else no",
    "note": "what kind of report it is, in our own words",
}

#: Columns of ``figures.tsv``, in order, with what each holds.
FIGURES_COLUMNS: dict[str, str] = {
    "figure_id": "F01.. for the seed's figures, C001.. for other reports'; unique",
    "source_id": "the source stating the figure (a source_id of sources.tsv)",
    "metric": "what is counted (see the metrics vocabulary)",
    "value": "the number as stated, digits only (no thousands separators); money in full rials",
    "qualifier": "exact, about, over, at_least or up_to",
    "rounding": "empty (read by the rule), none (exact as printed), or the step the figure was rounded to",
    "scope": "what the figure covers (see the scopes)",
    "target_kind": "for targets: empty (read from the period), revival, mandate, multi_year or term",
    "period_start": "first day of the period, Gregorian YYYY-MM-DD (empty for stocks)",
    "period_end": "last day of the period, or a stock's as-of date; empty = up to publication",
    "period_start_jalali": "the same first day as an Iranian date YYYY/MM/DD (either calendar may be given; both must agree)",
    "period_end_jalali": "the same last day as an Iranian date YYYY/MM/DD",
    "jalali_year": "the Iranian year the period lies in (filled in when empty and the period lies in one year)",
    "restates": "figure_id of the earliest figure this row repeats (same metric, value and scope)",
    "speaker": "who stated it",
    "agency": "the news agency the source credits for it, where it names one",
    "quote": "for seed figures: the sentence fragment stating it, verbatim; empty for other reports",
    "note": "context, in our own words",
}

_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: str
    line: int | None
    record: str | None  # figure or source id, when the row has one
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.record:
            where += f" ({self.record})"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class LedgerError(ValueError):
    """The ledger cannot be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [f"{len(self.problems)} problem(s) in the ledger; fix these and run again:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


@dataclass
class Ledger:
    """The validated ledger.

    ``sources``: one row per source, with parsed dates.
    ``figures``: one row per figure, with parsed dates, the metric's kind and unit, and the bounds
    ``low``/``high`` its wording implies (see :mod:`analysis.bounds`). ``end_earliest``/``end_latest``
    bound the period's end: equal to ``end`` when stated, else the source's publication bounds.
    """

    sources: pd.DataFrame
    figures: pd.DataFrame
    data_dir: Path = field(default_factory=paths.data_dir)

    def figure(self, figure_id: str) -> pd.Series:
        """One figure's row, by id."""
        rows = self.figures[self.figures["figure_id"] == figure_id]
        if rows.empty:
            raise KeyError(f"no figure {figure_id!r} in the ledger")
        return rows.iloc[0]

    def seed_figures(self) -> pd.DataFrame:
        """The figures of the primary source (the seed article)."""
        return self.figures[self.figures["primary"]].reset_index(drop=True)

    def primary_source(self) -> pd.Series:
        """The primary source's row."""
        return self.sources[self.sources["primary"]].iloc[0]


class _Collector:
    """Gathers problems over whole columns: ``add(mask, field, message)``."""

    def __init__(self, file: str, frame: pd.DataFrame, id_column: str):
        self.file = file
        self.frame = frame
        self.id_column = id_column
        self.problems: list[Problem] = []

    def add(self, mask: pd.Series, field_name: str | None, message) -> None:
        """Record a problem for every row where ``mask`` holds.

        ``message`` is a string, or a Series of strings aligned with the frame.
        """
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        rows = self.frame.loc[mask]
        texts = message.loc[mask] if isinstance(message, pd.Series) else pd.Series(message, index=rows.index)
        self.problems.extend(
            Problem(self.file, int(line), rid or None, field_name, text)
            for line, rid, text in zip(rows["_line"], rows[self.id_column], texts)
        )


def read_table(path: Path, columns: dict[str, str]) -> pd.DataFrame:
    """Read one tab-separated ledger file as text cells, with its line numbers in ``_line``.

    Accepts a UTF-8 byte-order mark and Windows line endings. Raises :class:`LedgerError` for a
    missing file, an undecodable byte, a wrong header, a row with the wrong number of cells, or a
    file with no rows.
    """
    where = paths.relative_to_root(path)
    if not path.is_file():
        raise LedgerError([Problem(where, None, None, None, "the file is missing")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError(_encoding_problems(raw, where, list(columns))) from None
    lines = pd.Series(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), dtype="str")
    numbers = pd.Series(np.arange(1, len(lines) + 1), index=lines.index)
    if lines.empty or lines.iloc[0].strip() == "":
        raise LedgerError([Problem(where, None, None, None, "the file is empty; it needs a header row and at least one data row")])
    header = lines.iloc[0].split("\t")
    header = [h.strip() for h in header]
    expected = list(columns)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = []
        if missing:
            detail.append("missing column(s) " + ", ".join(missing))
        if extra:
            detail.append("unknown column(s) " + ", ".join(extra))
        if not detail:
            detail.append("columns are out of order")
        raise LedgerError([Problem(where, 1, None, None,
                                   "the header row is wrong (" + "; ".join(detail) + "); expected: " + " | ".join(expected))])
    body = lines.iloc[1:]
    keep = body.str.strip() != ""  # blank lines hold nothing; skipping them loses nothing
    body, numbers = body[keep], numbers.iloc[1:][keep]
    if body.empty:
        raise LedgerError([Problem(where, None, None, None, "the file has a header but no data rows")])
    cells = body.str.count("\t") + 1
    bad = cells != len(expected)
    if bad.any():
        raise LedgerError([
            Problem(where, int(n), None, None,
                    f"this row has {int(c)} tab-separated cells, expected {len(expected)}; check for a missing or extra tab")
            for n, c in zip(numbers[bad], cells[bad])
        ])
    frame = body.str.split("\t", expand=True)
    frame.columns = expected
    frame = frame.apply(lambda col: col.str.strip())
    frame.insert(0, "_line", numbers.astype(int).to_numpy())
    return frame.reset_index(drop=True)


def _encoding_problems(raw: bytes, where: str, columns: list[str]) -> list[Problem]:
    """Every line holding bytes that are not UTF-8, with the row's id and the field (only on the error path).

    A UTF-16 file (what some editors call "Unicode") is named as such: it has to be saved again as UTF-8.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:400]:
        return [Problem(where, None, None, None,
                        "the file is saved as UTF-16 ('Unicode'), not UTF-8; open it and save it again with the UTF-8 encoding")]
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    problems = []
    for number, line in enumerate(body.split(b"\n"), start=1):  # one pass over the lines, error path only
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = line[: exc.start].count(b"\t")
            cells = line.split(b"\t")
            field_name = columns[column] if number > 1 and column < len(columns) else None
            record = cells[0].decode("utf-8", "replace").strip() if number > 1 else None
            shown = cells[column].decode("utf-8", "replace").strip() if column < len(cells) else ""
            problems.append(Problem(
                where, number, record or None, field_name,
                f"byte {line[exc.start]:#04x} in '{shown}' is not UTF-8 text (the file was probably saved as "
                "Latin-1 or Windows-1252); retype the character or save the file with the UTF-8 encoding"))
    return problems


def _parse_gregorian(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse YYYY-MM-DD cells; returns (dates, bad-mask) where bad means filled but not a real date."""
    filled = col != ""
    well_formed = col.str.match(_DATE_PATTERN)
    dates = pd.to_datetime(col.where(filled & well_formed), format="%Y-%m-%d", errors="coerce")
    return dates, filled & dates.isna()


def _parse_jalali(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    filled = col != ""
    dates = calendar.jalali_column_to_gregorian(col)
    return dates, filled & dates.isna()


def _jalali_reasons(col: pd.Series, bad: pd.Series) -> pd.Series:
    """Why each bad Iranian date cannot be read, e.g. "'1400/12/30' is not a real Iranian date (day must be in 1..29)".

    Only the bad cells are examined (the error path), so valid columns cost nothing extra.
    """
    def reason(text: str) -> str:
        try:
            calendar.parse_jalali(text)
        except calendar.CalendarError as exc:
            return str(exc) if "written YYYY/MM/DD" in str(exc) else f"{exc}; write a real date as YYYY/MM/DD"
        return f"'{text}' lies outside the years the calendar table covers"

    return col[bad.fillna(False).astype(bool)].map(reason)


def _validate_sources(frame: pd.DataFrame, where: str, seeds_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    c = _Collector(where, frame, "source_id")
    sid = frame["source_id"]
    c.add(sid == "", "source_id", "every source needs an id (S01, S02, ...)")
    c.add((sid != "") & ~sid.str.match(_ID_PATTERN), "source_id", "an id is a letter followed by letters, digits, '.', '-' or '_'")
    dup = (sid != "") & sid.duplicated(keep="first")
    c.add(dup, "source_id", "this id is used by an earlier row too; ids must be unique")
    c.add(frame["publisher"] == "", "publisher", "name the outlet that published the report")
    c.add(~frame["language"].isin(["en", "fa", "ar"]), "language", "write en, fa or ar")
    url = frame["url"]
    c.add((url != "") & ~url.str.match(r"^https?://"), "url", "an address starts with http:// or https://")
    c.add((url == "") & (frame["citation"] == ""), "citation", "a source without an address needs a citation that names it")
    parsed = {}
    for col in ("published", "published_earliest", "published_latest"):
        dates, bad = _parse_gregorian(frame[col])
        c.add(bad, col, frame[col].radd("'") + "' is not a real date written YYYY-MM-DD")
        parsed[col] = dates
    for col in ("published_earliest", "published_latest"):
        c.add(frame[col] == "", col, "give the date bounds (equal to 'published' when the date is shown)")
    c.add(parsed["published_earliest"] > parsed["published_latest"], "published_latest",
          "the latest possible date is before the earliest; swap or correct them")
    shown = parsed["published"].notna()
    c.add(shown & ((parsed["published_earliest"] != parsed["published"]) | (parsed["published_latest"] != parsed["published"])),
          "published_earliest", "when 'published' is given, both bounds must equal it")
    c.add(~frame["date_basis"].isin(list(vocab.DATE_BASES)), "date_basis", "write one of " + ", ".join(vocab.DATE_BASES))
    c.add(~frame["primary"].isin(["yes", "no"]), "primary", "write yes or no")
    n_primary = int((frame["primary"] == "yes").sum())
    if n_primary != 1:
        c.problems.append(Problem(where, None, None, "primary", f"exactly one source must be primary (yes); found {n_primary}"))
    out = frame.copy()
    for col, dates in parsed.items():
        out[col] = dates
    out["primary"] = frame["primary"] == "yes"
    # The seed's own checks: file present and unaltered, record agreeing with this row.
    out["seed_text"] = ""
    for i in np.flatnonzero(frame["seed_file"] != ""):  # one iteration per seed file, not per figure
        row = frame.iloc[i]
        try:
            out.loc[out.index[i], "seed_text"] = read_seed(row["seed_file"], seeds_dir)
            prov = read_provenance(row["seed_file"], seeds_dir)
        except SeedError as exc:
            c.problems.append(Problem(where, int(row["_line"]), row["source_id"], "seed_file", str(exc)))
            continue
        if (pd.Timestamp(prov.earliest), pd.Timestamp(prov.latest)) != (parsed["published_earliest"].iloc[i], parsed["published_latest"].iloc[i]):
            c.problems.append(Problem(where, int(row["_line"]), row["source_id"], "published_earliest",
                                      f"date bounds differ from the seed's provenance record ({prov.earliest} .. {prov.latest})"))
    return out, c.problems


def _validate_figures(frame: pd.DataFrame, sources: pd.DataFrame, where: str) -> tuple[pd.DataFrame, list[Problem]]:
    c = _Collector(where, frame, "figure_id")
    fid = frame["figure_id"]
    c.add(fid == "", "figure_id", "every figure needs an id")
    c.add((fid != "") & ~fid.str.match(_ID_PATTERN), "figure_id", "an id is a letter followed by letters, digits, '.', '-' or '_'")
    c.add((fid != "") & fid.duplicated(keep="first"), "figure_id", "this id is used by an earlier row too; ids must be unique")

    known_sources = sources["source_id"]
    c.add(~frame["source_id"].isin(known_sources), "source_id",
          "'" + frame["source_id"] + "' is not a source in " + SOURCES_FILE + "; add the source first")
    metric = frame["metric"]
    c.add(~metric.isin(list(vocab.METRICS)), "metric",
          "'" + metric + "' is not a known metric; use one of the README's metrics vocabulary")
    c.add(~frame["qualifier"].isin(list(QUALIFIERS)), "qualifier",
          "'" + frame["qualifier"] + "' is not a qualifier; write one of " + ", ".join(QUALIFIERS))
    rounding = frame["rounding"]
    c.add((rounding != "") & (rounding != "none") & ~rounding.str.match(r"^\d+(\.\d+)?$"), "rounding",
          "'" + rounding + "' is not a rounding; leave it empty, write none (exact as printed) or the step (e.g. 100)")
    c.add((rounding != "") & ~frame["qualifier"].isin(["exact", "about"]), "rounding",
          "only a plain or approximate figure (exact, about) can say how it was rounded")
    c.add(~frame["target_kind"].isin(["", *vocab.TARGET_KINDS]), "target_kind",
          "'" + frame["target_kind"] + "' is not a target kind; leave it empty or write one of " + ", ".join(vocab.TARGET_KINDS))
    c.add(~frame["scope"].isin(list(vocab.SCOPES)), "scope",
          "'" + frame["scope"] + "' is not a known scope; write one of " + ", ".join(vocab.SCOPES))

    # Values: digits only, finite, non-negative unless a growth rate, shares at most 100.
    raw = frame["value"]
    numeric_text = raw.str.match(r"^-?\d+(\.\d+)?$")
    value = pd.to_numeric(raw.where(numeric_text), errors="coerce")
    c.add(raw == "", "value", "the value is missing")
    c.add((raw != "") & raw.str.contains(",", regex=False), "value",
          "'" + raw + "' has a thousands separator; write digits only (8000, not 8,000)")
    c.add((raw != "") & ~raw.str.contains(",", regex=False) & ~numeric_text, "value",
          "'" + raw + "' is not a finite number; write digits only, with '.' for decimals")
    # Properties of each row's metric, looked up column-wise (unknown metrics get neutral values).
    def _lookup(attr: str, default):
        table = {m.name: getattr(m, attr) for m in vocab.METRICS.values()}
        return metric.map(table).fillna(default)

    known_metric = metric.isin(list(vocab.METRICS))
    signed = _lookup("signed", False).astype(bool)
    capped = _lookup("capped", False).astype(bool)
    percentage = _lookup("percentage", False).astype(bool)
    kind = _lookup("kind", "").astype("str")
    unit = _lookup("unit", "").astype("str")
    c.add((value < 0) & ~signed, "value", "a count, amount or share cannot be negative")
    c.add(capped & (value > 100), "value", "a percentage share cannot be above 100")

    # Dates, in either calendar; both given must agree.
    start_g, bad = _parse_gregorian(frame["period_start"])
    c.add(bad, "period_start", "'" + frame["period_start"] + "' is not a real date written YYYY-MM-DD")
    end_g, bad = _parse_gregorian(frame["period_end"])
    c.add(bad, "period_end", "'" + frame["period_end"] + "' is not a real date written YYYY-MM-DD")
    start_j, bad = _parse_jalali(frame["period_start_jalali"])
    c.add(bad, "period_start_jalali", _jalali_reasons(frame["period_start_jalali"], bad))
    end_j, bad = _parse_jalali(frame["period_end_jalali"])
    c.add(bad, "period_end_jalali", _jalali_reasons(frame["period_end_jalali"], bad))
    c.add(start_g.notna() & start_j.notna() & (start_g != start_j), "period_start_jalali",
          "this Iranian date is not the same day as period_start (" + frame["period_start"] + ")")
    c.add(end_g.notna() & end_j.notna() & (end_g != end_j), "period_end_jalali",
          "this Iranian date is not the same day as period_end (" + frame["period_end"] + ")")
    start = start_g.fillna(start_j)
    end = end_g.fillna(end_j)
    has_start = (frame["period_start"] != "") | (frame["period_start_jalali"] != "")
    has_end = (frame["period_end"] != "") | (frame["period_end_jalali"] != "")
    c.add(start.notna() & end.notna() & (end < start), "period_end", "the period ends before it starts")
    c.add((kind == "stock") & has_start, "period_start", "a stock is a level at one date: leave the start empty and put the as-of date in period_end")
    c.add((kind == "flow") & ~has_start, "period_start", "a count over a period needs its first day")
    c.add((kind == "target") & (has_start != has_end), "period_end", "a target's period needs both ends, or neither when the source gives none")

    # Publication bounds, from the source.
    src = sources.set_index("source_id")
    earliest = frame["source_id"].map(src["published_earliest"])
    latest = frame["source_id"].map(src["published_latest"])
    c.add(start.notna() & latest.notna() & (start > latest), "period_start",
          "the period starts after the source's latest possible publication date")

    # Iranian year: given must agree with the period; computed when the period lies in one year.
    jy_text = frame["jalali_year"]
    jy_given = pd.to_numeric(jy_text.where(jy_text.str.match(r"^\d{4}$")), errors="coerce")
    c.add((jy_text != "") & jy_given.isna(), "jalali_year", "write the Iranian year as four digits, e.g. 1399")
    start_year = _jalali_years(start)
    end_year = _jalali_years(end)
    anchor_year = start_year.fillna(end_year)
    c.add(jy_given.notna() & anchor_year.notna() & (jy_given != anchor_year), "jalali_year",
          "this year does not match the period's dates (they fall in " + anchor_year.astype("Int64").astype(str) + ")")
    c.add(jy_given.notna() & start_year.notna() & end_year.notna() & (start_year < end_year), "jalali_year",
          "the period spans more than one Iranian year; leave jalali_year empty")
    # An open end runs to publication: the period lies in one year only if both publication bounds do.
    end_year_earliest = _jalali_years(end.fillna(earliest))
    end_year_latest = _jalali_years(end.fillna(latest))
    first_year = start_year.fillna(end_year_earliest)
    one_year = (first_year == end_year_earliest) & (first_year == end_year_latest)
    jalali_year = jy_given.fillna(first_year.where(one_year))

    # Restatements point at an earlier figure with the same metric, value and scope.
    rest = frame["restates"]
    by_id = frame.drop_duplicates("figure_id").set_index("figure_id")
    target_exists = rest.isin(by_id.index)
    c.add((rest != "") & ~target_exists, "restates", "'" + rest + "' is not a figure_id in this file")
    c.add((rest != "") & (rest == fid), "restates", "a figure cannot restate itself")
    for col, what in (("metric", "metric"), ("value", "value"), ("scope", "scope")):
        other = rest.map(by_id[col])
        c.add(target_exists & (other != frame[col]), "restates",
              "restates " + rest + ", whose " + what + " is '" + other.fillna("") + "', not '" + frame[col] + "'; a restatement repeats the same figure")

    # Speakers; quotes only for seed figures, and found verbatim in the seed.
    c.add(frame["speaker"] == "", "speaker", "say who stated the figure (or 'unattributed')")
    seed_text = frame["source_id"].map(src["seed_text"]).fillna("")
    is_seed = seed_text != ""
    quote = frame["quote"]
    c.add(is_seed & (quote == ""), "quote", "a seed figure needs the verbatim words that state it")
    # A substring test per seed figure (only seed figures carry quotes, so this grows with the seed, not the ledger).
    seed_rows = is_seed & (quote != "")
    checked = [q in t for q, t in zip(quote[seed_rows], seed_text[seed_rows])]
    found = pd.Series(checked, index=frame.index[seed_rows], dtype=bool).reindex(frame.index, fill_value=False)
    c.add(is_seed & (quote != "") & ~found, "quote",
          "this quote does not occur in the seed text exactly (check curly quotes ’ “ ” and spacing)")
    not_seed_file = frame["source_id"].map(src["seed_file"]).fillna("") == ""
    c.add(~is_seed & not_seed_file & (quote != ""), "quote",
          "quotes are kept only for sources whose text is in seeds/; record figures, not article text")

    out = frame.drop(columns=["value", "jalali_year"]).copy()
    out.insert(out.columns.get_loc("qualifier"), "value", value)
    out.insert(out.columns.get_loc("restates"), "jalali_year", jalali_year.astype("Int64"))
    out["start"] = start
    out["end"] = end
    out["start_jalali"] = calendar.gregorian_column_to_jalali(start)
    out["end_jalali"] = calendar.gregorian_column_to_jalali(end)
    open_end = end.isna()
    out["end_earliest"] = end.where(~open_end, earliest)
    out["end_latest"] = end.where(~open_end, latest)
    out["end_from_publication"] = open_end
    out["kind"] = kind
    out["unit"] = unit
    out["percentage"] = percentage
    out["primary"] = frame["source_id"].map(src["primary"]).fillna(False).astype(bool)
    out["published_earliest"] = earliest
    out["published_latest"] = latest
    if known_metric.all() and value.notna().all() and frame["qualifier"].isin(list(QUALIFIERS)).all():
        # A percentage or a stated ratio (jobs per unit) is rounded at its last written digit.
        out["low"], out["high"] = bounds_columns(value, frame["qualifier"], percentage | (unit == "jobs per unit"), kind == "target",
                                                 rounding=rounding, capped=capped, signed=signed)
    return out, c.problems


def _jalali_years(dates: pd.Series) -> pd.Series:
    """Iranian year of each date (NaN where the date is missing), at once for the whole column."""
    years = pd.Series(np.nan, index=dates.index)
    valid = dates.notna()
    if not valid.any():
        return years
    lo = int(dates[valid].dt.year.min()) - 623
    hi = int(dates[valid].dt.year.max()) - 620
    starts = pd.Series([pd.Timestamp(calendar.year_bounds(y)[0]) for y in range(lo, hi + 1)], index=range(lo, hi + 1))
    pos = np.searchsorted(starts.to_numpy(), dates[valid].to_numpy(), side="right") - 1
    years[valid] = starts.index.to_numpy()[pos]
    return years


def load_ledger(data_dir: Path | None = None, seeds_dir: Path | None = None) -> Ledger:
    """Read and validate ``sources.tsv`` and ``figures.tsv``; the one way into the ledger.

    Parameters
    ----------
    data_dir: folder holding the two files (default: :func:`analysis.paths.data_dir`).
    seeds_dir: folder holding seed texts and their provenance records (default ``seeds/``).

    Raises
    ------
    LedgerError: listing every problem found in both files, each naming file, line, id and field.
    """
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    problems: list[Problem] = []
    tables = {}
    for name, columns in ((SOURCES_FILE, SOURCES_COLUMNS), (FIGURES_FILE, FIGURES_COLUMNS)):
        try:
            tables[name] = read_table(data_dir / name, columns)
        except LedgerError as exc:
            problems += exc.problems
    if problems:
        raise LedgerError(problems)
    sources, source_problems = _validate_sources(tables[SOURCES_FILE], paths.relative_to_root(data_dir / SOURCES_FILE), seeds_dir)
    figures, figure_problems = _validate_figures(tables[FIGURES_FILE], sources, paths.relative_to_root(data_dir / FIGURES_FILE))
    problems = source_problems + figure_problems
    if problems:
        raise LedgerError(problems)
    return Ledger(sources.drop(columns=["seed_text"]), figures, data_dir)
