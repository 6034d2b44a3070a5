"""Table furniture and source citations in Persian (the twin of :mod:`analysis.words.en.tables`)."""

MESSAGES: dict[str, str] = {
    "source.dated": "{outlet}، {date}",
    "source.undated": "{outlet}، بی\u200cتاریخ، {year}",
    "source.more": "{n} گزارش دیگر",
    "source.one": "منبع:",
    "source.many": "منابع:",
    "source.all": "همهٔ منابع",
    "table.show_all": "نمایش همهٔ {n} ردیف",
    "table.show_first": "نمایش {n} ردیف نخست از {total} ردیف",
    "table.whole_in_download": "کل جدول، {n} ردیف، در فایل داده\u200cها آمده است.",
    "table.download": "دریافت داده\u200cها (CSV)",
    "table.yes": "بله",
    "table.no": "خیر",
    "table.none": "هیچ",
}
