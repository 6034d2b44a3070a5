"""صفحه استان‌ها: the Persian twins of :mod:`analysis.words.en.provinces` (same keys, same slots).

Province names (``province.<name>``) are the Persian names of ``data/provinces.tsv``, generated from it
(``python -m analysis.words.fa.provinces`` prints them; a test keeps them equal to the file). A name on
a square of the map (``province_short.<name>``) is the Persian name, or for a name of two provinces
joined by «و» its first part (چهارمحال، کهگیلویه، سیستان), as Persian newspapers shorten them; also
generated. The page's sentences are written for an editor's review: newspaper Persian, the
zero-width non-joiner inside words, «سازمان صنایع کوچک و شهرک‌های صنعتی ایران» for ISIPO.
"""

#: Persian province names from ``data/provinces.tsv`` (generated; a test keeps them equal to the file).
NAMES: dict[str, str] = {
    # generated from data/provinces.tsv: begin
    "province.Alborz": "البرز",
    "province.Ardabil": "اردبیل",
    "province.Bushehr": "بوشهر",
    "province.Chaharmahal and Bakhtiari": "چهارمحال و بختیاری",
    "province.East Azerbaijan": "آذربایجان شرقی",
    "province.Fars": "فارس",
    "province.Gilan": "گیلان",
    "province.Golestan": "گلستان",
    "province.Hamadan": "همدان",
    "province.Hormozgan": "هرمزگان",
    "province.Ilam": "ایلام",
    "province.Isfahan": "اصفهان",
    "province.Kerman": "کرمان",
    "province.Kermanshah": "کرمانشاه",
    "province.Khorasan Razavi": "خراسان رضوی",
    "province.Khuzestan": "خوزستان",
    "province.Kohgiluyeh and Boyer-Ahmad": "کهگیلویه و بویراحمد",
    "province.Kordestan": "کردستان",
    "province.Lorestan": "لرستان",
    "province.Markazi": "مرکزی",
    "province.Mazandaran": "مازندران",
    "province.North Khorasan": "خراسان شمالی",
    "province.Qazvin": "قزوین",
    "province.Qom": "قم",
    "province.Semnan": "سمنان",
    "province.Sistan and Baluchestan": "سیستان و بلوچستان",
    "province.South Khorasan": "خراسان جنوبی",
    "province.Tehran": "تهران",
    "province.West Azerbaijan": "آذربایجان غربی",
    "province.Yazd": "یزد",
    "province.Zanjan": "زنجان",
    # generated from data/provinces.tsv: end
}

#: Names on the map's squares (generated from the same file: the part before «و» of a joined name).
SHORT: dict[str, str] = {
    # generated from data/provinces.tsv: begin
    "province_short.Alborz": "البرز",
    "province_short.Ardabil": "اردبیل",
    "province_short.Bushehr": "بوشهر",
    "province_short.Chaharmahal and Bakhtiari": "چهارمحال",
    "province_short.East Azerbaijan": "آذربایجان شرقی",
    "province_short.Fars": "فارس",
    "province_short.Gilan": "گیلان",
    "province_short.Golestan": "گلستان",
    "province_short.Hamadan": "همدان",
    "province_short.Hormozgan": "هرمزگان",
    "province_short.Ilam": "ایلام",
    "province_short.Isfahan": "اصفهان",
    "province_short.Kerman": "کرمان",
    "province_short.Kermanshah": "کرمانشاه",
    "province_short.Khorasan Razavi": "خراسان رضوی",
    "province_short.Khuzestan": "خوزستان",
    "province_short.Kohgiluyeh and Boyer-Ahmad": "کهگیلویه",
    "province_short.Kordestan": "کردستان",
    "province_short.Lorestan": "لرستان",
    "province_short.Markazi": "مرکزی",
    "province_short.Mazandaran": "مازندران",
    "province_short.North Khorasan": "خراسان شمالی",
    "province_short.Qazvin": "قزوین",
    "province_short.Qom": "قم",
    "province_short.Semnan": "سمنان",
    "province_short.Sistan and Baluchestan": "سیستان",
    "province_short.South Khorasan": "خراسان جنوبی",
    "province_short.Tehran": "تهران",
    "province_short.West Azerbaijan": "آذربایجان غربی",
    "province_short.Yazd": "یزد",
    "province_short.Zanjan": "زنجان",
    # generated from data/provinces.tsv: end
}

PAGE: dict[str, str] = {
    # عنوان صفحه (در فهرست صفحه‌های گزارش) و پرسش آن.
    "page.05-provinces.title": "استان‌ها: احیا کجا گزارش شده و آیا ارقام استانی با هم جور درمی‌آیند؟",
    "page.05-provinces.question": "**پرسش.** کدام استان‌ها احیای واحدهای راکد را گزارش می‌کنند، چه سهمی از آمار کشوری دارند، "
                                  "بیشترین شمارها کجاست، و آیا ارقام استانی با آمار کشوری و با یکدیگر سازگارند؟",
    # پاسخ (هر جمله حداکثر چهل واژه؛ گوینده هر بار روشن).
    "provinces.answer.none": "هنوز هیچ‌یک از گزارش‌ها رقمی برای یک استان به‌تنهایی نداده است؛ از این رو آمار کشوری را نمی‌توان "
                             "به تفکیک استان نشان داد.",
    "provinces.answer.coverage": "گزارش‌ها برای {named} استان از {total} استان ایران رقم داده‌اند؛ برای {counted} استان از این "
                                 "میان، شمار سالانه واحدهای راکد احیاشده در دست است، از {first} تا {last}.",
    "provinces.answer.coverage_one_year": "گزارش‌ها برای {named} استان از {total} استان ایران رقم داده‌اند؛ برای {counted} استان "
                                          "از این میان، شمار سالانه واحدهای راکد احیاشده در دست است، همه برای سال {first}.",
    "provinces.answer.coverage_no_counts": "گزارش‌ها برای {named} استان از {total} استان ایران رقم داده‌اند، اما هیچ‌یک شمار "
                                           "واحدهای راکدی را که در یک سال در استانی احیا شده‌اند به دست نمی‌دهد.",
    "provinces.answer.share_many": "در سال {year}، که بیشترین شمار استان‌ها برای آن آمار دارند، {n} حدود {share} از {national} "
                                   "واحد راکدی را که به برآورد ما در سراسر کشور احیا شده‌اند به خود اختصاص می‌دهند.",
    "provinces.answer.share_one": "در سال {year}، {province} به‌تنهایی حدود {share} از {national} واحد راکدی را که به برآورد ما در "
                                  "سراسر کشور احیا شده‌اند به خود اختصاص می‌دهد.",
    "provinces.answer.share_none": "هیچ سالی هم آمار استانی و هم آمار کشوری هم‌سنخ ندارد؛ از این رو سهم هیچ استانی از آمار "
                                   "کشوری را نمی‌توان به دست داد.",
    "provinces.answer.largest": "به برآورد ما، بیشترین شمار سالانه در کل یک استان مربوط به {province} است: {value} واحد در سال {year}؛ پس از آن {second} با {second_value} واحد در سال {second_year} قرار دارد.",
    "provinces.answer.largest_same_year": "به برآورد ما، بیشترین شمارهای سالانه در کل یک استان در سال {year} ثبت شده است: {value} واحد در {province} و پس از آن {second_value} واحد در {second}.",
    "provinces.answer.largest_alone": "به برآورد ما، بیشترین شمار سالانه در کل یک استان مربوط به {province} است: {value} واحد در سال {year}.",
    "provinces.answer.findings": "حاصل راستی‌آزمایی ارقام استانی، در مقایسه با آمار کشوری، با یکدیگر و در درون هر استان: {contradictions} و {questions}.",
    # آغاز صفحه.
    "provinces.intro": "بسیاری از گزارش‌ها ارقام یک استان را می‌دهند: آمار استاندار، شمارش شرکت شهرک‌های صنعتی استان، یا سهم "
                       "استان از برنامه کشوری. این صفحه آن‌ها را کنار یکدیگر و کنار آمار کشوری می‌گذارد. ارقام یک استان "
                       "هرگز وارد هیچ عدد کشوری نمی‌شوند.",
    "provinces.intro.scope": "شمار هر استان کل استان را در بر می‌گیرد، مگر آنکه گزارشش چیز دیگری بگوید (شهرک‌های صنعتی استان، یا نهضت گسترده‌تر دولت برای احیای واحدهای اقتصادی). سهم‌ها و جمع‌ها تنها آمارهای هم‌سنخ را با هم می‌سنجند و هر جا نتوانند، این را می‌گویند.",
    # نقشه.
    "provinces.map.title": "نقشه: تازه‌ترین آمار سالانه هر استان",
    "provinces.map.body": "مربع‌ها تنها آمارهای هم‌سنخ را کنار هم می‌گذارند: شماری برای یک سال کامل و برای کل استان. سال‌ها یکسان نیستند، پس سال هر شمار روی مربعش آمده است. مربع استانی که شمارش تنها بخشی از سال یا تنها شهرک‌های صنعتی استان را در بر می‌گیرد، خاکستری می‌ماند؛ این شمارها در جدول‌های پایین آمده‌اند.",
    "provinces.map.file": "واحدهای احیاشده در هر استان، تازه‌ترین سال کامل (داده‌های نقشه)",
    # هر استان، سال به سال.
    "provinces.years.title": "هر استان، سال به سال",
    "provinces.years.body": "برای هر استان، سال و دامنه یک عدد، برگزیده به همان قاعده‌ای که آمار کشوری از آن پیروی می‌کند، "
                            "همراه با کران‌هایی که عبارت گزارش اجازه می‌دهد. شماری که تا روزی نزدیک پایان سال است، با حداکثر "
                            "سه برابر آهنگ خودش تا پایان سال امتداد می‌یابد؛ شماری که تا روزی زودتر است، تنها کف به شمار "
                            "می‌آید.",
    "provinces.years.file": "واحدهای احیاشده به تفکیک استان و سال (بهترین برآوردها)",
    "provinces.years.empty": "هیچ گزارشی شمار سالانه واحدهای راکد احیاشده یک استان را نمی‌دهد.",
    # سهم از آمار کشوری.
    "provinces.shares.title": "سهم هر استان از آمار کشوری",
    "provinces.shares.body": "سهم تنها در برابر آماری از همان دامنه و همان سال معنا دارد: شهرک‌های صنعتی یک استان در برابر "
                             "شهرک‌های صنعتی کشور. هر جا کشور آماری از آن دامنه برای آن سال نداشته باشد، سهم از آمار کل کشور "
                             "است و چنین علامت خورده است. هر جا آمار کشوری کران بالا نداشته باشد، سهم یک سقف است. آمار کشوری همان بهترین "
                             "برآوردهای صفحه گاه‌شمار است و منابعش در آنجا آمده است.",
    "provinces.shares.file": "شمار هر استان به‌صورت سهمی از آمار کشوری همان سال",
    "provinces.shares.empty": "هنوز شمار هیچ استانی را نمی‌توان در برابر آمار کشوری گذاشت.",
    # شغل به ازای هر واحد.
    "provinces.jobs.title": "شغل به ازای هر واحد احیاشده، به تفکیک استان",
    "provinces.jobs.body": "هر جا واحدها و شغل‌های یک استان برای یک دوره داده شده‌اند، نسبت آن‌ها در کنار نسبت کشوری همان سال: "
                           "از همان دامنه اگر کشور داشته باشد، وگرنه از دامنه‌ای دیگر، با علامت. دوره‌ای که در یک سال "
                           "نمی‌گنجد، نسبت کشوری‌ای در کنار خود ندارد.",
    "provinces.jobs.file": "شغل به ازای هر واحد احیاشده به تفکیک استان، در برابر نسبت کشوری",
    "provinces.jobs.empty": "هیچ گزارشی واحدها و شغل‌های یک استان را برای یک دوره نمی‌دهد.",
    # جمع استان‌ها.
    "provinces.sums.title": "جمع استان‌ها در برابر آمار کشوری",
    "provinces.sums.body": "تنها برخی از استان‌های ایران آمار داده‌اند، پس جمع شمارشان حداکثر می‌تواند به اندازه آمار کشوری "
                           "همان سال و همان دامنه باشد. جمعی بیش از آن یک یافته است و با معیار راستی‌آزمایی درجه‌بندی می‌شود: "
                           "تناقض، وقتی هیچ خوانشی از ارقام آن‌ها را سازگار نکند؛ ابهام، وقتی خوانشی چنین کند. هر جا آمار "
                           "کشوری کران بالا نداشته باشد، این آزمون نمی‌تواند ناسازگاری نشان دهد و سازگار به شمار نمی‌آید.",
    "provinces.sums.fit": "در هر سالی که آمار کشوری هم‌سنخ در دست است، جمع شمار استان‌ها از آن بیشتر نمی‌شود.",
    "provinces.sums.over_one": "در سال {year}، جمع شمار استان‌ها از آمار کشوری همان سال بیشتر است.",
    "provinces.sums.short_one": "در سال {year}، همه استان‌ها آمار داده‌اند و جمع شمارشان از آمار کشوری کمتر است.",
    "provinces.sums.over_many": "در {n}، جمع شمار استان‌ها از آمار کشوری همان سال بیشتر است.",
    "provinces.sums.none": "هیچ سالی هم آمار استانی و هم آمار کشوری هم‌سنخ ندارد.",
    "provinces.sums.file": "جمع شمار استان‌ها در برابر آمار کشوری هر سال",
    # رتبه‌بندی‌ها.
    "provinces.rankings.title": "استان‌هایی که به دو ترتیب رتبه‌بندی شده‌اند",
    "provinces.rankings.body": "شمار دو استان در یک سال و یک دامنه، یکی را جلوتر از دیگری می‌نشاند. اگر یک جفت شمار استانی را "
                               "عقب‌تر از دیگری بنشاند و جفتی دیگر جلوتر، دست‌کم یکی از شمارها نادرست است؛ درجه‌بندی با معیار "
                               "راستی‌آزمایی است. شماری که تا روزی در میانه سال است، کف شمار آن سال است: می‌تواند استانی را جلوتر "
                               "نشان دهد، اما هرگز عقب‌تر.",
    "provinces.rankings.conflict": "گزارش‌ها {n} را به دو ترتیب مخالف رتبه‌بندی می‌کنند.",
    "provinces.rankings.agree": "هر جا گزارش‌های گوناگون دو استان را رتبه‌بندی کرده‌اند، با هم همخوانی دارند ({n}).",
    "provinces.rankings.nothing": "هیچ دو جفت شماری دو استان را به گونه‌ای رتبه‌بندی نمی‌کنند که بتوانند ناهمخوان باشند؛ پس هنوز "
                                  "هیچ رتبه‌بندی‌ای را نمی‌توان آزمود.",
    "provinces.rankings.open": "برای {n}، شمارها کران بالا ندارند و تنها می‌توانستند یک ترتیب را نشان دهند؛ پس هم‌خوان به "
                               "شمار نمی‌آیند.",
    "provinces.rankings.empty": "هیچ جفت استانی با دو جفت شماری که بتوانند ناهمخوان باشند رتبه‌بندی نشده است.",
    "provinces.rankings.file": "جفت استان‌هایی که بیش از یک جفت شمار رتبه‌شان را تعیین می‌کند",
    "provinces.rankings.pair": "{a} و {b}",
    "noun.province_pair": "جفت استان|جفت استان",
    "provinces.rankings.order": "{a} {a_count}، {b} {b_count}",
    # سال جاری تاکنون.
    "provinces.in_year.title": "سال {year} تاکنون: شمار استان‌ها تا تاریخ گزارش",
    "provinces.in_year.title_none": "سال جاری تاکنون: شمار استان‌ها تا تاریخ گزارش",
    "provinces.in_year.body": "شمارهایی از نخستین روز سال تا روزی در میانه آن، همراه با سهمی از سال که تا آن روز گذشته بود، و "
                              "هدف خود استان برای آن سال، هر جا گزارش شده باشد.",
    "provinces.in_year.national_none": "هنوز هیچ آمار کشوری برای سال {year} گزارش نشده است؛ از این رو این شمارها را نمی‌توان در "
                                       "برابر آمار کشور گذاشت.",
    "provinces.in_year.national": "تازه‌ترین آمار کشوری برای سال {year}، {count} واحد تا {day} است.",
    "provinces.in_year.national_window": "تازه‌ترین آمار کشوری برای سال {year}، {count} واحد تا روزی میان {first} و {last} است.",
    "provinces.in_year.empty": "هیچ استانی شماری از نخستین روز یک سال تا روزی در میانه آن گزارش نمی‌کند.",
    "provinces.in_year.file": "شمارهای هر استان تا تاریخ گزارش در تازه‌ترین سال",
    # راستی‌آزمایی در درون هر استان.
    "provinces.audit.title": "راستی‌آزمایی در درون هر استان",
    "provinces.audit.body": "همه قاعده‌های راستی‌آزمایی منابع، این بار بر ارقام هر استان به‌تنهایی: گزارش‌های یک استان همان‌گونه با "
                            "یکدیگر سنجیده می‌شوند که گزارش‌های کشوری.",
    "provinces.audit.result": "در راستی‌آزمایی ارقام استانی، {checks} در {provinces} انجام شد؛ نتیجه: {contradictions} و {questions}.",
    "provinces.audit.nothing": "هیچ استانی ارقامی ندارد که قاعده‌های راستی‌آزمایی بتوانند آن‌ها را با یکدیگر بسنجند.",
    "provinces.audit.empty": "راستی‌آزمایی در درون هیچ استانی تناقض، ابهام یا نکته‌ای نمی‌یابد.",
    "provinces.audit.file": "یافته‌های راستی‌آزمایی در درون هر استان",
    "provinces.audit.about": "{metric}، {scope}، {period}",
    # همه ارقام استانی.
    "provinces.figures.title": "همه ارقام استانی",
    "provinces.figures.body": "هر رقمی که گزارشی برای یک استان می‌دهد، به همان عبارت، با دوره و گزارشش.",
    "provinces.figures.empty": "هیچ گزارشی رقمی برای یک استان به‌تنهایی نمی‌دهد.",
    "provinces.figures.file": "همه ارقامی که گزارش‌ها برای یک استان می‌دهند",
    # آنچه این صفحه نمی‌تواند بگوید.
    "provinces.limits.coverage": "**وضع باقی کشور.** بیشتر استان‌ها در هیچ گزارشی نیامده‌اند؛ استانی که بر نقشه رقمی ندارد، "
                                 "ممکن است واحدهای بسیاری را احیا کرده باشد یا هیچ.",
    "provinces.limits.definitions": "**اینکه آیا استان‌ها یکسان می‌شمارند.** آمار استاندار، شمارش شرکت شهرک‌ها و تفکیک خود "
                                    "سازمان صنایع کوچک و شهرک‌های صنعتی ایران ممکن است احیا را به گونه‌های متفاوت تعریف "
                                    "کنند؛ دامنه همانی است که هر گزارش می‌گوید.",
    "provinces.limits.sums": "**بازسازی آمار کشوری از استان‌ها.** تا هنگامی که همه استان‌ها برای یک سال آمار نداده‌اند، جمع "
                             "شمارشان تنها کران پایین آمار کشوری است.",
    "provinces.limits.dates": "**زمان شمارش.** شمار یک استان ممکن است چند هفته از گزارشش کهنه‌تر باشد و برخی گزارش‌ها تاریخ "
                              "ندارند؛ شماری تا روزی در میانه سال، کف شمار آن سال خوانده می‌شود.",
    # سرستون‌های جدول‌ها.
    "provinces.col.province": "استان",
    "provinces.col.year": "سال خورشیدی",
    "provinces.col.scope": "آنچه شمرده شده",
    "provinces.col.estimate": "واحدهای احیاشده",
    "provinces.col.basis": "از کجا دانسته شده",
    "provinces.col.sources": "منابع",
    "provinces.col.count": "شمار",
    "provinces.col.national": "آمار کشوری",
    "provinces.col.share": "سهم",
    "provinces.col.period": "دوره",
    "provinces.col.units": "واحدها",
    "provinces.col.jobs": "شغل‌ها",
    "provinces.col.jobs_per_unit": "شغل به ازای هر واحد",
    "provinces.col.national_ratio": "نسبت کشوری",
    "provinces.col.provinces": "استان‌های شمرده‌شده",
    "provinces.col.names": "استان‌ها",
    "provinces.col.sum": "جمع",
    "provinces.col.sum_share": "سهم",
    "provinces.col.grade": "درجه",
    "provinces.col.pair": "استان‌های سنجیده‌شده",
    "provinces.col.behind": "یک جفت شمار: اولی عقب‌تر",
    "provinces.col.ahead": "جفتی دیگر: اولی جلوتر",
    "provinces.col.to_date": "شمار تا تاریخ گزارش",
    "provinces.col.elapsed": "سپری‌شده از سال",
    "provinces.col.target": "هدف سال",
    "provinces.col.progress": "از هدف",
    "provinces.col.rule": "آنچه آزمون می‌جوید",
    "provinces.col.about": "موضوع",
    "provinces.col.metric": "چه چیز",
    "provinces.col.figure": "به عبارت گزارش",
    # خانه‌های جدول.
    "provinces.basis.full_year": "برای کل سال گزارش شده",
    "provinces.basis.count_and_pace": "شماری نزدیک پایان سال، تا پایان سال امتداد یافته",
    "provinces.basis.floor": "شمار تا تاریخ گزارش: دست‌کم همین مقدار",
    "provinces.basis.part_floor": "شمار یک بخش: دست‌کم همین مقدار",
    "provinces.basis.total_less_years": "یک جمع، منهای سال‌های دیگرش",
    "provinces.scope.national": "کل استان",
    "provinces.scope.industrial_parks": "شهرک‌های صنعتی استان",
    "provinces.scope.outside_parks": "بیرون از شهرک‌های صنعتی استان",
    "provinces.compared.whole": "کل کشور",
    "provinces.compared.other": "{scope} در سطح کشور",
    "provinces.compared.none": "در آن سال ندارد",
    "provinces.compared.no_ratio": "در آن سال ندارد",
    "provinces.compared.no_year": "نه در یک سال",
    "provinces.share.unbounded": "بی‌کران",
    "provinces.cell.none": "ندارد",
    "provinces.cell.not_checked": "بررسی‌نشده",
    "provinces.compared.cross": "{value} برای {where}: دامنه‌ای دیگر",
    "provinces.cell.floor": "دست‌کم {n}",
    # واژه‌های نقشه.
    "provinces.chart.title": "واحدهای راکد احیاشده در هر استان، در تازه‌ترین سالی که آمار دارد",
    "provinces.chart.subtitle": "هر مربع یک استان است، تقریباً در جای خود. عدد، تازه‌ترین شمار واحدهای احیاشده در یک سال کامل و "
                                "در کل استان است؛ سال زیر آن آمده است.",
    "provinces.chart.subtitle_none": "هر مربع یک استان است، تقریباً در جای خود. هنوز هیچ استانی شمار واحدهای احیاشده در یک سال "
                                     "کامل را ندارد.",
    "provinces.chart.key.class": "{low} تا {high}",
    "provinces.chart.key.other": "رقم دارد، آمار سالانه ندارد",
    "provinces.chart.key.none": "بی‌رقم",
    "provinces.chart.tile_year": "{year}",
    "provinces.chart.tile_floor": "\u2265{n}",
    "provinces.chart.alt": "نقشه شبکه‌ای {total} استان ایران، هر استان یک مربع، رنگ‌آمیزی‌شده بر پایه تازه‌ترین شمار "
                           "واحدهای راکدی که در یک سال کامل در کل استان احیا شده‌اند.",
    "provinces.chart.alt.counts": "شمارها، از بیشترین: {items}.",
    "provinces.chart.alt.item": "{province} {count} در سال {year}",
    "provinces.chart.alt.other": "رقم دارند، اما چنین شماری ندارند: {items}.",
    "provinces.chart.alt.none": "برای {n} دیگر رقمی در دست نیست.",
    "provinces.chart.alt.none_all": "هیچ گزارشی برای هیچ‌یک از آن‌ها رقمی نمی‌دهد.",
}

MESSAGES: dict[str, str] = {**NAMES, **SHORT, **PAGE}


def generated() -> tuple[dict[str, str], dict[str, str]]:
    """The ``province.<name>`` and ``province_short.<name>`` keys as ``data/provinces.tsv`` gives them
    (what :data:`NAMES` and :data:`SHORT` must equal)."""
    import csv

    from ... import paths

    with open(paths.ROOT / "data" / "provinces.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    names = {f"province.{r['province']}": r["name_fa"] for r in rows}
    short = {f"province_short.{r['province']}": r["name_fa"].split(" \u0648 ")[0] for r in rows}
    return names, short


if __name__ == "__main__":
    for block in generated():
        for key, name in block.items():
            print(f'    "{key}": "{name}",')
        print()
