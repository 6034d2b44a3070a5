"""The blocks a page is made of, written in any language from what its notebook computed.

In: messages of the catalogue (:class:`analysis.words.Msg`) and typed values. Out: HTML for a notebook
output, in the language in force, with the block itself, as data, in the output's metadata
(``metadata["isipo"]["block"]``, :mod:`analysis.words.codec`). The report writes each page once more
in Persian from those blocks (:func:`render`), so both editions come from one execution.

- :class:`Prose`: headings, paragraphs and list items, each one message (``**bold**`` and
  ``[text](address)`` in a template's own text become HTML);
- :class:`Answer`: a page's answer, its sentences first;
- :class:`Details`: a block folded under a summary line;
- :class:`Group`: several blocks in one output;
- tables (:class:`analysis.present.tables.Table`) and charts (:class:`analysis.present.figures.Chart`)
  are blocks too.

A block renders with a :class:`Context`: the language, where the page's files are linked from, and
(for charts) the folder to write drawings into.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..words import LANGUAGE, Msg, speaking
from ..words.codec import decode, encode, register

#: The key of a block in an output's metadata: ``metadata["isipo"]["block"]``.
META = "isipo"


@dataclass(frozen=True)
class Context:
    """Where and how a block is written: ``language``; ``files``, the address prefix of the page's own
    files ('01-timeline'); ``data_files``, that of its CSV downloads (the Persian edition links the
    English edition's: '../01-timeline'); ``out``, the folder drawings are written into (``None``: none)."""

    language: str = "en"
    files: str = ""
    data_files: str | None = None
    out: Path | None = None

    def file(self, name: str) -> str:
        """A page file's address."""
        return f"{self.files}/{name}" if self.files else name

    def data_file(self, name: str) -> str:
        """A download's address (CSV files exist once, beside the English pages)."""
        prefix = self.files if self.data_files is None else self.data_files
        return f"{prefix}/{name}" if prefix else name


def kernel_context() -> Context:
    """The context of a notebook's own outputs: English, files in the page's folder."""
    from .. import paths
    from . import tables

    return Context(language=LANGUAGE.get(), files=tables.PAGE["folder"], out=paths.output_dir())


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_CODE = re.compile(r"`([^`]+)`")


def markup(text_html: str) -> str:
    """``**bold**``, ``[text](address)`` and ```name``` (a column's name, set as code, left to right) in escaped
    text as HTML (addresses are the catalogue's own)."""
    text_html = _BOLD.sub(r"<strong>\1</strong>", text_html)
    text_html = _CODE.sub(r'<code dir="ltr">\1</code>', text_html)
    return _LINK.sub(lambda m: f'<a href="{html.escape(html.unescape(m.group(2)), quote=True)}">{m.group(1)}</a>', text_html)


def say(msg: Msg) -> str:
    """A message as HTML with its markup."""
    return markup(msg.html())


class Block:
    """A piece of a page. Subclasses are frozen dataclasses registered with the codec."""

    def html(self, ctx: Context) -> str:  # pragma: no cover - every block defines it
        raise NotImplementedError

    def _repr_mimebundle_(self, include=None, exclude=None):  # noqa: ARG002 - IPython's signature
        """Shown in a notebook: the HTML in the kernel's language, the block as data in the metadata."""
        return {"text/html": self.html(kernel_context())}, {META: {"block": encode(self)}}


@register
@dataclass(frozen=True)
class Prose(Block):
    """Headings, paragraphs and list items: ``parts`` are ``(tag, message)``, tag ``h2``, ``h3``, ``p`` or ``li``
    (list items that follow one another make one list); ``css`` is the class of the wrapping ``div``."""

    parts: tuple = ()
    css: str = ""

    def html(self, ctx: Context) -> str:
        out: list[str] = []
        in_list = False
        with speaking(ctx.language):
            for tag, msg in self.parts:
                if tag == "li" and not in_list:
                    out.append("<ul>")
                    in_list = True
                if tag != "li" and in_list:
                    out.append("</ul>")
                    in_list = False
                inner = say(msg)
                anchor = ""
                if tag in ("h2", "h3"):
                    anchor = f' id="{html.escape(_anchor(msg), quote=True)}"'
                out.append(f"<{tag}{anchor}>{inner}</{tag}>")
            if in_list:
                out.append("</ul>")
        body = "".join(out)
        return f'<div class="{self.css}">{body}</div>' if self.css else body


def _anchor(msg: Msg) -> str:
    """A heading's anchor: its key (the same in every language), so links between editions hold."""
    return msg.key.replace(".", "-")


def prose(*parts: tuple[str, str | Msg], css: str = "", **slots) -> Prose:
    """A :class:`Prose` block from ``(tag, key)`` pairs (keys become messages with ``slots``)."""
    return Prose(tuple((tag, m if isinstance(m, Msg) else Msg(m, {k: v for k, v in slots.items()})) for tag, m in parts), css)


@register
@dataclass(frozen=True)
class Answer(Block):
    """A page's answer: its sentences, each a paragraph (a sentence may link its numbers to tables), then
    the primary article's own answer (``seed``) after its label (``seed_label``)."""

    lines: tuple = ()
    seed: tuple = ()
    seed_label: Any = None

    def html(self, ctx: Context) -> str:
        with speaking(ctx.language):
            body = "".join(f"<p>{say(m)}</p>" for m in self.lines if m is not None)
            if self.seed:
                label = f"<strong>{say(self.seed_label)}</strong> " if self.seed_label is not None else ""
                body += f'<p class="seed-answer">{label}{" ".join(say(m) for m in self.seed)}</p>'
        return f'<div class="answer">{body}</div>'


@register
@dataclass(frozen=True)
class Details(Block):
    """A block folded under a one-line summary."""

    summary: Msg
    inner: Any
    css: str = ""

    def html(self, ctx: Context) -> str:
        with speaking(ctx.language):
            summary = say(self.summary)
        cls = f' class="{self.css}"' if self.css else ""
        return f"<details{cls}><summary>{summary}</summary>{self.inner.html(ctx)}</details>"


@register
@dataclass(frozen=True)
class Group(Block):
    """Several blocks shown as one output."""

    blocks: tuple = field(default_factory=tuple)

    def html(self, ctx: Context) -> str:
        return "".join(b.html(ctx) for b in self.blocks)


def carried(output: dict) -> Block | None:
    """The block an executed notebook's output carries, or ``None``."""
    from . import figures, tables  # noqa: F401 - they define (and register) the Table and Chart blocks; read in a
    # fresh process (a page-writing worker), an output may carry one before anything else imported them
    meta = (output.get("metadata") or {}).get(META) or {}
    return decode(meta["block"]) if "block" in meta else None


def render(output: dict, ctx: Context) -> str | None:
    """An output's block written anew in ``ctx`` (``None`` when the output carries no block)."""
    block = carried(output)
    return None if block is None else block.html(ctx)
