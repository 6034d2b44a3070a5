"""The answers in Persian: the front page's lede, each question's answer, the primary article's own
answer, the audit's summary, the idle stock, and what the figures rest on.

Who speaks, as in English: officials' figures open with «بنا بر آمار رسمی»; our estimates with «به برآورد
ما». The primary article is «این مقاله». A count comes before the year it belongs to, so no number
directly follows a year's bracketed Gregorian span."""

MESSAGES: dict[str, str] = {
    # The article the project began with, as readers know it.
    "seed.name": "گزارش {outlet} در {month}",
    "seed.label": "مقاله‌ای که این پروژه از آن آغاز شد ({outlet}، {month}):",
    # What the figures rest on, and how current they are.
    "answer.coverage": "این صفحه‌ها بر پایه {figures} از {reports} تهیه شده‌اند که بین {first} و {last} منتشر شده‌اند؛ {persian} گزارش از آن‌ها فارسی است.",
    "answer.coverage.no_persian": "این صفحه‌ها بر پایه {figures} از {reports} تهیه شده‌اند که بین {first} و {last} منتشر شده‌اند.",
    "answer.current": "تازه‌ترین گزارش: {day}.",
    # The front page's lede: the pace, jobs per unit, what the audit found.
    "lede.pace": "بنا بر آمار رسمی، {count} واحد راکد در سال {year} در سراسر کشور احیا شد که {change} از سال قبل است؛ بیشترین رقم سالانه، {peak} واحد، مربوط به سال {peak_year} بود.",
    "lede.pace_peak": "بنا بر آمار رسمی، {count} واحد راکد در سال {year} در سراسر کشور احیا شد که {change} از سال قبل و بیشترین رقم در همه سال‌های شمارش‌شده است.",
    "lede.fewer": "{share} کمتر",
    "lede.more": "{share} بیشتر",
    # 1. The timeline.
    "answer.timeline.none": "هنوز هیچ گزارشی آمار واحدهای راکد احیاشده را برای یک سال کامل به دست نمی‌دهد.",
    "answer.timeline.span": "بنا بر آمار رسمی، آمار کشوری همه سال‌های {first} تا {last} در دست است: بیشترین رقم {peak} واحد در سال {peak_year} و کمترین {low} واحد در سال {low_year} بود.",
    "answer.timeline.span_gaps": "بنا بر آمار رسمی، آمار کشوری همه سال‌های {first} تا {last} جز {missing} در دست است: بیشترین رقم {peak} واحد در سال {peak_year} و کمترین {low} واحد در سال {low_year} بود.",
    "answer.timeline.only": "بنا بر آمار رسمی، {count} واحد راکد در سال {year} احیا شد؛ این تنها سال کاملی است که تاکنون شمارش شده است.",
    "answer.timeline.estimated_only": "به برآورد ما، بر پایه آمارهایی که در طول سال گزارش شد، {count} واحد راکد در سال {year} احیا شده است؛ این تنها سال کاملی است که تاکنون شمارش شده است.",
    "answer.timeline.scoped": "بنا بر آمار رسمی، {count} واحد {scope} در سال {year}، آخرین سال کامل شمارش‌شده، احیا شد.",
    "answer.timeline.other_scope": "برای {years} تنها آماری با دامنه محدودتر در دست است: {count} واحد {scope}.",
    "answer.timeline.other_scope_neutral": "آمار {years}، {count} واحد {scope} است.",
    "answer.timeline.so_far": "در سال {year}، تا {day}، {count} واحد احیا شده است.",
    "answer.timeline.in_part": "از سال‌های {years} تنها بخشی شمارش شده است، از این رو در مقایسه‌ها کنار گذاشته شده‌اند.",
    "answer.timeline.in_part_one": "از سال {years} تنها بخشی شمارش شده است، از این رو در مقایسه‌ها کنار گذاشته شده است.",
    # 2. Jobs per unit.
    "answer.jobs.none": "هنوز هیچ گزارشی آمار واحدها و اشتغال یک سال را با هم به دست نمی‌دهد.",
    "answer.jobs.typical": "به ازای هر واحد احیاشده حدود {ratio} شغل گزارش شده است؛ این رقم میانه نسبت‌های سالانه است.",
    "answer.jobs.range": "این نسبت از سالی به سال دیگر میان {low} شغل در سال {low_year} و {high} شغل در سال {high_year} در نوسان بوده است.",
    "answer.jobs.one_year": "تنها سال {year} هر دو آمار را برای کل سال دارد: {ratio} شغل به ازای هر واحد احیاشده.",
    "answer.jobs.unbounded": "در هیچ سالی هر دو آمار چنان دقیق نیست که بتوان سقفی برای این نسبت تعیین کرد.",
    # 3. Year on year.
    "answer.rates.none": "هنوز نمی‌توان هیچ دو سال کاملی را با هم مقایسه کرد.",
    "answer.rates.one": "تنها یک سال کامل، {year}، با {count} واحد شمارش شده است، پس هنوز نمی‌توان آهنگ احیا را مقایسه کرد.",
    "answer.rates.fell": "شمار واحدهای احیاشده در سال {year} به {count} واحد کاهش یافت، یعنی {share} کمتر از {prev} واحد سال {prev_year}.",
    "answer.rates.rose": "شمار واحدهای احیاشده در سال {year} به {count} واحد افزایش یافت، یعنی {share} بیشتر از {prev} واحد سال {prev_year}.",
    "answer.rates.fell_at_least": "شمار واحدهای احیاشده در سال {year} به {count} واحد کاهش یافت؛ دست‌کم {share} کمتر از سال {prev_year}.",
    "answer.rates.rose_at_most": "شمار واحدهای احیاشده در سال {year} به {count} واحد افزایش یافت؛ حداکثر {share} بیشتر از سال {prev_year}، که دست‌کم {prev} واحد بود.",
    "answer.rates.held": "شمار واحدهای احیاشده در سال {year} با {count} واحد در همان سطح سال {prev_year} ماند.",
    "answer.rates.unclear": "با گردکردن ارقام، {count} واحد سال {year} را نمی‌توان از {prev} واحد سال {prev_year} متمایز دانست.",
    "answer.rates.cross_scope": "{count} واحد سال {year} را نمی‌توان با سال {prev_year} مقایسه کرد، زیرا برای آن سال تنها آماری محدودتر ({prev_scope}) در دست است.",
    "answer.rates.gap": "شمار واحدهای احیاشده در سال {year}، {count} واحد بود؛ سال پیش از آن آمار کاملی ندارد، پس آخرین مقایسه با سال {prev_year} است: {prev} واحد.",
    "answer.rates.targets_mixed": "هدف‌های سالانه‌ای که از پیش تعیین شده بود در {met} محقق شد و در {missed} محقق نشد.",
    "answer.rates.targets_all_met": "همه هدف‌های سالانه‌ای که از پیش تعیین شده بود محقق شد ({met}).",
    "answer.rates.targets_all_missed": "هیچ‌یک از هدف‌های سالانه‌ای که از پیش تعیین شده بود محقق نشد ({missed}).",
    "answer.rates.targets_none": "برای هیچ سالی که آمار کامل دارد، هدف سالانه‌ای از پیش تعیین نشده بود.",
    "answer.rates.targets_uncertain": "با گردکردن ارقام نمی‌توان گفت هدف {years} محقق شد یا نه.",
    "answer.rates.so_far": "در سال {year}، تا {day}، {count} واحد احیا شده است؛ روزانه {pace} واحد.",
    # The audit.
    "answer.audit.both": "در راستی‌آزمایی ارقام، {checks} انجام شد که {contradictions} و {questions} را نشان داد.",
    "answer.audit.contradictions": "در راستی‌آزمایی ارقام، {checks} انجام شد که {contradictions} را نشان داد؛ ابهامی یافت نشد.",
    "answer.audit.questions": "در راستی‌آزمایی ارقام، {checks} انجام شد که تناقضی نشان نداد، اما {questions} یافت شد.",
    "answer.audit.clean": "در راستی‌آزمایی ارقام، {checks} انجام شد و هیچ رقمی یافت نشد که با رقم دیگری در تناقض باشد.",
    "answer.audit.meaning": "تناقض یعنی مجموعه‌ای از ارقام که نمی‌توانند همه درست باشند؛ ابهام یعنی ارقامی که با هم فرق دارند، مگر آنکه به شیوه‌ای خاص خوانده شوند.",
    "answer.audit.largest": "بزرگ‌ترین تناقض: {headline}.",
    "answer.audit.notes": "همچنین {notes} دانستنی ثبت شده است که خطا به شمار نمی‌آید.",
    # The idle stock.
    "answer.stock.none": "آمارهای اعلام‌شده از شمار واحدهای راکد کمتر از آن است که بتوان تغییرش را در طول زمان دنبال کرد.",
    "answer.stock.rose": "{where}، شمار واحدهای راکد به گفته مسئولان از {first} در {first_month} به {last} در {last_month} افزایش یافت و {revived} واحد احیا شد: {inflow} واحد در این فاصله راکد شدند یا تازه شمرده شدند.",
    "answer.stock.fell": "{where}، شمار واحدهای راکد به گفته مسئولان از {first} در {first_month} به {last} در {last_month} کاهش یافت و {revived} واحد احیا شد: {inflow} واحد در این فاصله راکد شدند یا تازه شمرده شدند.",
    "answer.stock.where.national": "در سطح کشور",
    "answer.stock.where.scope": "در {scope}",
    # The primary article's own answers.
    "answer.seed.timeline": "به نوشته این مقاله، تا روز انتشار آن {count} واحد در سال {year} احیا شده بود، در حالی که هدف کل سال {target} واحد بود.",
    "answer.seed.timeline_no_target": "به نوشته این مقاله، تا روز انتشار آن {count} واحد در سال {year} احیا شده بود.",
    "answer.seed.no_count": "این مقاله آماری از واحدهای احیاشده به دست نمی‌دهد.",
    "answer.seed.date": "این مقاله تاریخ ندارد؛ آمار گزارش‌های دیگر نشان می‌دهد که {window} منتشر شده است.",
    "answer.seed.jobs_same": "از ارقام این مقاله {a} شغل به ازای هر واحد برای سال {a_year} و {b} شغل برای سال {b_year} تا روز انتشار به دست می‌آید؛ با توجه به گرد بودن ارقام، این دو را نمی‌توان از هم متمایز دانست.",
    "answer.seed.jobs_barely": "از ارقام این مقاله {a} شغل به ازای هر واحد برای سال {a_year} و {b} شغل برای سال {b_year} تا روز انتشار به دست می‌آید؛ تفاوتی که به‌زحمت از حد گردکردن ارقام مقاله فراتر می‌رود.",
    "answer.seed.jobs_apart": "از ارقام این مقاله {a} شغل به ازای هر واحد برای سال {a_year} و {b} شغل برای سال {b_year} تا روز انتشار به دست می‌آید که حتی با در نظر گرفتن گرد بودن ارقام، {direction} است.",
    "answer.seed.jobs_lower": "کمتر",
    "answer.seed.jobs_higher": "بیشتر",
    "answer.seed.jobs_none": "این مقاله آمار واحدها و اشتغال را برای دو دوره به دست نمی‌دهد.",
    "answer.seed.rates": "به نوشته این مقاله، در سه‌ماهه نخست {year}، از {dates}، {count} واحد احیا شد: روزانه {pace} واحد، در برابر {before} واحد در {prev_year}؛ نوروز و نخستین تعطیلی‌های کرونا در همین سه‌ماهه بود.",
    "answer.seed.rates_target": "این مقاله هدف سازمان صنایع کوچک و شهرک‌های صنعتی ایران برای سال {year} را آورده است، {target} واحد؛ این یک برنامه است و چیزی درباره آهنگ احیا نمی‌گوید.",
    "answer.seed.rates_none": "این مقاله آمار دو دوره را برای مقایسه به دست نمی‌دهد.",
    "answer.seed.audit": "سهم ارقام خود این مقاله (از راه گزارش‌های دیگری که همان اعداد را آورده‌اند) در یافته‌های راستی‌آزمایی: {contradictions} و {questions}.",
    "answer.seed.audit_clean": "هیچ آزمونی در ارقام خود این مقاله مشکلی نمی‌یابد.",
}
