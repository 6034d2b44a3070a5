"""The provinces page (``notebooks/05-provinces.ipynb``): its answer, headings, paragraphs, table headers
and cells, and the words of its tile-grid map; and every province's name.

Keys ``provinces.*`` are the page's; ``province.<name>`` is a province's name in a sentence or table
(``Label("province", name)``), ``province_short.<name>`` its name on a square of the map (a line
break where a long name must wrap). The names are generated from ``data/provinces.tsv`` (run
``python -m analysis.words.en.provinces`` to see them; a test keeps them equal); the short names are
ours, each short enough for a square at the map's type size.
"""

#: Province names as ``data/provinces.tsv`` spells them (generated; a test keeps them equal to the file).
NAMES: dict[str, str] = {
    # generated from data/provinces.tsv: begin
    "province.Alborz": "Alborz",
    "province.Ardabil": "Ardabil",
    "province.Bushehr": "Bushehr",
    "province.Chaharmahal and Bakhtiari": "Chaharmahal and Bakhtiari",
    "province.East Azerbaijan": "East Azerbaijan",
    "province.Fars": "Fars",
    "province.Gilan": "Gilan",
    "province.Golestan": "Golestan",
    "province.Hamadan": "Hamadan",
    "province.Hormozgan": "Hormozgan",
    "province.Ilam": "Ilam",
    "province.Isfahan": "Isfahan",
    "province.Kerman": "Kerman",
    "province.Kermanshah": "Kermanshah",
    "province.Khorasan Razavi": "Khorasan Razavi",
    "province.Khuzestan": "Khuzestan",
    "province.Kohgiluyeh and Boyer-Ahmad": "Kohgiluyeh and Boyer-Ahmad",
    "province.Kordestan": "Kordestan",
    "province.Lorestan": "Lorestan",
    "province.Markazi": "Markazi",
    "province.Mazandaran": "Mazandaran",
    "province.North Khorasan": "North Khorasan",
    "province.Qazvin": "Qazvin",
    "province.Qom": "Qom",
    "province.Semnan": "Semnan",
    "province.Sistan and Baluchestan": "Sistan and Baluchestan",
    "province.South Khorasan": "South Khorasan",
    "province.Tehran": "Tehran",
    "province.West Azerbaijan": "West Azerbaijan",
    "province.Yazd": "Yazd",
    "province.Zanjan": "Zanjan",
    # generated from data/provinces.tsv: end
}

#: Names on the map's squares: at most about 68 points wide a line at the chart's type size.
SHORT: dict[str, str] = {
    "province_short.Alborz": "Alborz",
    "province_short.Ardabil": "Ardabil",
    "province_short.Bushehr": "Bushehr",
    "province_short.Chaharmahal and Bakhtiari": "Chahar-\nmahal",
    "province_short.East Azerbaijan": "East\nAzerb.",
    "province_short.Fars": "Fars",
    "province_short.Gilan": "Gilan",
    "province_short.Golestan": "Golestan",
    "province_short.Hamadan": "Hamadan",
    "province_short.Hormozgan": "Hormoz-\ngan",
    "province_short.Ilam": "Ilam",
    "province_short.Isfahan": "Isfahan",
    "province_short.Kerman": "Kerman",
    "province_short.Kermanshah": "Kerman-\nshah",
    "province_short.Khorasan Razavi": "Khorasan\nRazavi",
    "province_short.Khuzestan": "Khuze-\nstan",
    "province_short.Kohgiluyeh and Boyer-Ahmad": "Kohgi-\nluyeh",
    "province_short.Kordestan": "Korde-\nstan",
    "province_short.Lorestan": "Lorestan",
    "province_short.Markazi": "Markazi",
    "province_short.Mazandaran": "Mazan-\ndaran",
    "province_short.North Khorasan": "North\nKhorasan",
    "province_short.Qazvin": "Qazvin",
    "province_short.Qom": "Qom",
    "province_short.Semnan": "Semnan",
    "province_short.Sistan and Baluchestan": "Sistan-\nBaluch.",
    "province_short.South Khorasan": "South\nKhorasan",
    "province_short.Tehran": "Tehran",
    "province_short.West Azerbaijan": "West\nAzerb.",
    "province_short.Yazd": "Yazd",
    "province_short.Zanjan": "Zanjan",
}

PAGE: dict[str, str] = {
    # The page's title (the report's navigation) and question.
    "page.05-provinces.title": "Provinces: where revivals are reported, and whether they add up",
    "page.05-provinces.question": "**The question.** Which provinces report revivals of idle factories, how much of the national "
                                  "count do they make, where are the largest counts, and do the provincial figures fit the "
                                  "national ones and one another?",
    # The answer (each sentence at most 40 words; who speaks, every time).
    "provinces.answer.none": "None of the reports gives a figure for a single province yet, so the national counts cannot be "
                             "broken down by province.",
    "provinces.answer.coverage": "Reports give figures for {named} of Iran's {total} provinces; {counted} of them have a yearly "
                                 "count of idle units revived, between {first} and {last}.",
    "provinces.answer.coverage_one_year": "Reports give figures for {named} of Iran's {total} provinces; {counted} of them have a "
                                          "yearly count of idle units revived, all for {first}.",
    "provinces.answer.coverage_no_counts": "Reports give figures for {named} of Iran's {total} provinces, but none of them counts "
                                           "the idle units revived in a province over a year.",
    "provinces.answer.share_many": "In {year}, the year with the most provinces counted, {n} account for about {share} of "
                                   "the {national} idle units we estimate were revived nationwide.",
    "provinces.answer.share_one": "In {year}, {province} alone accounts for about {share} of the {national} idle units we estimate "
                                  "were revived nationwide.",
    "provinces.answer.share_none": "No year has both a provincial count and a national count of the same kind, so no province's "
                                   "share of the national count can be given.",
    "provinces.answer.largest": "By our estimates, the largest yearly count for a whole province is {province}'s: {value} units in "
                                "{year}, then {second}'s {second_value} in {second_year}.",
    "provinces.answer.largest_same_year": "By our estimates, the largest yearly counts for a whole province are for {year}: "
                                          "{province}'s {value} units, then {second}'s {second_value}.",
    "provinces.answer.largest_alone": "By our estimates, the largest yearly count for a whole province is {province}'s: {value} "
                                      "units in {year}.",
    "provinces.answer.findings": "Set against the national counts, against one another and within each province, the provincial "
                                 "figures give {contradictions} and {questions}.",
    # The opening.
    "provinces.intro": "Many reports give one province's figures: a governor's tally, a provincial industrial-parks company's "
                       "count, a province's share of the national plan. This page sets them beside one another and beside "
                       "the national counts. A province's figures never enter a national number.",
    "provinces.intro.scope": "A province's count covers the whole province unless its report says otherwise (the province's "
                             "industrial parks, or the government's wider revival movement). Shares and sums compare like with "
                             "like, and say so where they cannot.",
    # The map.
    "provinces.map.title": "The map: each province's latest yearly count",
    "provinces.map.body": "The squares compare like with like: a count over a whole year, for the whole province. The years "
                          "differ, so each is written on its square. Counts for part of a year, or for a province's industrial "
                          "parks only, leave a square grey; they are in the tables below.",
    "provinces.map.file": "Units revived in each province, latest whole year (the map's data)",
    # Each province, year by year.
    "provinces.years.title": "Each province, year by year",
    "provinces.years.body": "One number per province, Iranian year and scope, chosen by the rule the national counts follow, "
                            "with the bounds its wording allows. A count to a day near the year's end is carried to the "
                            "year's end at up to three times its own pace; a count to an earlier day is only a floor.",
    "provinces.years.file": "Units revived per province and year (best estimates)",
    "provinces.years.empty": "No report gives a province's count of idle units revived for a year.",
    # Shares of the national count.
    "provinces.shares.title": "Each province's share of the national count",
    "provinces.shares.body": "A share only means something against a count of the same scope and the same year: a province's "
                             "industrial parks against the country's industrial parks. Where the country has no count of that "
                             "scope for the year, the share is of the whole country's count, marked as such. Where the "
                             "national count is open-ended, the share is a ceiling. The national counts are the timeline page's "
                             "best estimates; their sources are listed there.",
    "provinces.shares.file": "Each province's count as a share of the national count of the same year",
    "provinces.shares.empty": "No province's count can be set against a national count yet.",
    # Jobs per unit.
    "provinces.jobs.title": "Jobs per revived unit, by province",
    "provinces.jobs.body": "Where a province's units and jobs are given for the same period, their ratio, beside the national "
                           "ratio of the same year: of the same scope where the country has one, else of another scope, "
                           "marked. A period that is not within one year has no national ratio beside it.",
    "provinces.jobs.file": "Jobs per revived unit, by province, against the national ratio",
    "provinces.jobs.empty": "No report gives a province's units and jobs for the same period.",
    # The provinces' sum.
    "provinces.sums.title": "The provinces added up, against the national count",
    "provinces.sums.body": "Only some of Iran's provinces report, so their counts added up can be at most the national count "
                           "of the same year and scope. A sum above it is a finding, graded by the audit's "
                           "standard: a contradiction when no reading of the figures reconciles them, a question when one "
                           "does. Where the national count is open-ended, the check cannot fail and is not counted as passed.",
    "provinces.sums.fit": "In every year with a national count of the same kind, the provinces' counts add up to no more than it.",
    "provinces.sums.over_one": "In {year}, the provinces' counts add up to more than the national count of the same year.",
    "provinces.sums.short_one": "In {year}, every province reports, and their counts add up to less than the national count.",
    "provinces.sums.over_many": "In {n}, the provinces' counts add up to more than the national count of the same year.",
    "provinces.sums.none": "No year has both a provincial count and a national count of the same kind.",
    "provinces.sums.file": "The provinces' counts added up, against the national count of each year",
    # Rankings.
    "provinces.rankings.title": "Provinces ranked both ways",
    "provinces.rankings.body": "Two provinces' counts of the same year and scope put one ahead of the other. If one pair of "
                               "counts puts a province behind another and a second pair puts it ahead, at least one count is "
                               "wrong; graded by the audit's standard. A count to a day within the year is a floor of the "
                               "year's count: it can show a province ahead, never behind.",
    "provinces.rankings.conflict": "Reports rank {n} in opposite orders.",
    "provinces.rankings.agree": "Where different reports rank the same two provinces, they agree ({n}).",
    "provinces.rankings.nothing": "No two pairs of counts rank the same two provinces in a way that could disagree, so no "
                                  "ranking can be tested yet.",
    "provinces.rankings.open": "For {n}, the counts are open-ended and could only ever put them in one order, so they are not "
                               "counted as agreeing.",
    "provinces.rankings.empty": "No pair of provinces is ranked by two pairs of counts that could disagree.",
    "provinces.rankings.file": "Pairs of provinces ranked by more than one pair of counts",
    "provinces.rankings.pair": "{a} and {b}",
    "noun.province_pair": "pair of provinces|pairs of provinces",
    "provinces.rankings.order": "{a} {a_count}, {b} {b_count}",
    # The latest year, to date.
    "provinces.in_year.title": "{year} so far: the provinces' counts to date",
    "provinces.in_year.title_none": "The year so far: the provinces' counts to date",
    "provinces.in_year.body": "Counts from the first day of the year to a day within it, with the share of the year gone by then "
                              "and the province's own target for the year where one was reported.",
    "provinces.in_year.national_none": "No national count for {year} has been reported yet, so these counts cannot be set against "
                                       "the country's.",
    "provinces.in_year.national": "The latest national count for {year} is {count} units, to {day}.",
    "provinces.in_year.national_window": "The latest national count for {year} is {count} units, to a day between {first} and "
                                         "{last}.",
    "provinces.in_year.empty": "No province reports a count from the first day of a year to a day within it.",
    "provinces.in_year.file": "Each province's counts to date in the latest year",
    # The audit within each province.
    "provinces.audit.title": "The audit within each province",
    "provinces.audit.body": "Every rule of the source audit, run on each province's figures alone: a province's reports are "
                            "checked against one another as the national reports are.",
    "provinces.audit.result": "The audit makes {checks} within {provinces}; they give {contradictions} and {questions}.",
    "provinces.audit.nothing": "No province has figures the audit's rules can check against one another.",
    "provinces.audit.empty": "The audit finds no contradiction, question or note within any province.",
    "provinces.audit.file": "The audit's findings within each province",
    "provinces.audit.about": "{metric}, {scope}, {period}",
    # Every provincial figure.
    "provinces.figures.title": "Every provincial figure",
    "provinces.figures.body": "Each figure a report gives for one province, as worded, with its period and its report.",
    "provinces.figures.empty": "No report gives a figure for a single province.",
    "provinces.figures.file": "Every figure reports give for one province",
    # What the page cannot tell.
    "provinces.limits.coverage": "**How the rest of the country fared.** Most provinces appear in no report; a province missing "
                                 "from the map may have revived many units or none.",
    "provinces.limits.definitions": "**Whether provinces count alike.** A governor's tally, a parks company's count and ISIPO's "
                                    "own breakdown may define a revival differently; the scope is each report's own.",
    "provinces.limits.sums": "**The national count, rebuilt from the provinces.** Until every province reports for the same year, "
                             "their counts only bound the national count from below.",
    "provinces.limits.dates": "**When a count was made.** A provincial count may be weeks older than its report, and some reports "
                              "carry no date; a count to a day within a year is read as a floor of that year's count.",
    # Table headers.
    "provinces.col.province": "Province",
    "provinces.col.year": "Iranian year",
    "provinces.col.scope": "What is counted",
    "provinces.col.estimate": "Units revived",
    "provinces.col.basis": "How it is known",
    "provinces.col.sources": "Sources",
    "provinces.col.count": "Count",
    "provinces.col.national": "National count",
    "provinces.col.share": "Share",
    "provinces.col.period": "Period",
    "provinces.col.units": "Units",
    "provinces.col.jobs": "Jobs",
    "provinces.col.jobs_per_unit": "Jobs per unit",
    "provinces.col.national_ratio": "National ratio",
    "provinces.col.provinces": "Provinces counted",
    "provinces.col.names": "Provinces",
    "provinces.col.sum": "Sum",
    "provinces.col.sum_share": "Share",
    "provinces.col.grade": "Grade",
    "provinces.col.pair": "Provinces compared",
    "provinces.col.behind": "One pair of counts: the first behind",
    "provinces.col.ahead": "Another: the first ahead",
    "provinces.col.to_date": "Count to date",
    "provinces.col.elapsed": "Year gone",
    "provinces.col.target": "Year's target",
    "provinces.col.progress": "Of target",
    "provinces.col.rule": "What the check looks for",
    "provinces.col.about": "What it is about",
    "provinces.col.metric": "What",
    "provinces.col.figure": "As stated",
    # Table cells.
    "provinces.basis.full_year": "stated for the year",
    "provinces.basis.count_and_pace": "a count near the year's end, carried to it",
    "provinces.basis.floor": "a count to date: at least this",
    "provinces.basis.part_floor": "a part's count: at least this",
    "provinces.basis.total_less_years": "a total less its other years",
    "provinces.scope.national": "whole province",
    "provinces.scope.industrial_parks": "its industrial parks",
    "provinces.scope.outside_parks": "outside its industrial parks",
    "provinces.compared.whole": "the whole country",
    "provinces.compared.other": "the country's {scope}",
    "provinces.compared.none": "none that year",
    "provinces.compared.no_ratio": "none that year",
    "provinces.compared.no_year": "not within one year",
    "provinces.share.unbounded": "no bound",
    "provinces.cell.none": "none",
    "provinces.cell.not_checked": "not checked",
    "provinces.compared.cross": "{value} for {where}: another scope",
    "provinces.cell.floor": "at least {n}",
    # The map's words.
    "provinces.chart.title": "Idle units revived in each province, in its latest year with a count",
    "provinces.chart.subtitle": "Each square is a province, roughly where it lies. The number is its latest count of units "
                                "revived over a whole year, for the whole province; the year is under it.",
    "provinces.chart.subtitle_none": "Each square is a province, roughly where it lies. No province has a count of units revived "
                                     "over a whole year yet.",
    "provinces.chart.key.class": "{low} to {high}",
    "provinces.chart.key.other": "figures, no yearly count",
    "provinces.chart.key.none": "no figure",
    "provinces.chart.tile_year": "{year}",
    "provinces.chart.tile_floor": "\u2265{n}",
    "provinces.chart.alt": "Tile map of Iran's {total} provinces, one square each, coloured by the province's latest count of "
                           "idle units revived over a whole year, for the whole province.",
    "provinces.chart.alt.counts": "Counts, largest first: {items}.",
    "provinces.chart.alt.item": "{province} {count} in {year}",
    "provinces.chart.alt.other": "Figures, but no such count: {items}.",
    "provinces.chart.alt.none": "No figure for the other {n}.",
    "provinces.chart.alt.none_all": "No report gives a figure for any of them.",
}

MESSAGES: dict[str, str] = {**NAMES, **SHORT, **PAGE}


def generated() -> dict[str, str]:
    """The ``province.<name>`` keys as ``data/provinces.tsv`` gives them (what :data:`NAMES` must equal)."""
    import csv

    from ... import paths

    with open(paths.ROOT / "data" / "provinces.tsv", encoding="utf-8", newline="") as fh:
        return {f"province.{row['province']}": row["province"] for row in csv.DictReader(fh, delimiter="\t")}


if __name__ == "__main__":
    for key, name in generated().items():
        print(f'    "{key}": "{name}",')
