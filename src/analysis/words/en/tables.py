"""Table furniture and column headers: what a table's header row, notes and source cells say."""

MESSAGES: dict[str, str] = {
    # Source citations (a table's source cells, a chart's source line).
    "source.dated": "{outlet}, {date}",
    "source.undated": "{outlet}, undated, {year}",
    "source.more": "{n} more",
    "source.one": "Source:",
    "source.many": "Sources:",
    "source.all": "all sources",
    # A table's folds and notes.
    "table.show_all": "Show all {n} rows",
    "table.show_first": "Show the first {n} of {total} rows",
    "table.whole_in_download": "The whole table, {n} rows, is in the download.",
    "table.download": "Download the data (CSV)",
    "table.yes": "yes",
    "table.no": "no",
    "table.none": "none",
}
