"""The glossary: the few words the pages use in a particular sense, each defined once."""

MESSAGES: dict[str, str] = {
    "glossary.title": "Glossary",
    "glossary.lede": "A few words these pages use in a particular sense. Each page links here where it first needs one.",
    "glossary.best_estimate.term": "Best estimate",
    "glossary.best_estimate.text": "The one number we give for a year, a scope and a measure, with the range the reports' wording allows. Where reports agree, their ranges narrow each other; where they conflict, a stated order of preference chooses (an exact count from ISIPO first), and the figures left out are listed beside it.",
    "glossary.claim.term": "Claim",
    "glossary.claim.text": "One number for one thing (a measure, a scope and a period), however many reports state it. A figure three reports repeat is one claim with three sources, so it is checked once and never counted as three confirmations.",
    "glossary.scope.term": "Scope",
    "glossary.scope.text": "What a count covers: the whole country, industrial parks, the rest of the country, ISIPO's plan for small and medium industries, or the government's wider revival movement. Counts of different scopes are different measures: a change of scope between years is a change of definition, not of pace.",
    "glossary.year_to_date.term": "Year to date",
    "glossary.year_to_date.text": "A count from the first day of an Iranian year (Nowruz, at the spring equinox) to a day within it. It is never compared with a whole year's count.",
    "glossary.iranian_year.term": "Iranian year",
    "glossary.iranian_year.text": "The solar year that begins at Nowruz, at the spring equinox: {year} ran from {first} to {last}. Every year is shown with the Gregorian years it spans.",
    "glossary.target.term": "Target",
    "glossary.target.text": "A goal officials set for a period. A target is a plan, not a measure of what happened; it is set against a result only when it was stated before its year ended.",
    "glossary.contradiction.term": "Contradiction",
    "glossary.contradiction.text": "Figures that cannot all be right however the reports are read, allowing for rounding and for undated reports.",
    "glossary.question.term": "Question",
    "glossary.question.text": "Figures that differ as stated but can be reconciled by one particular reading, which the finding names (a wider scope, a later date, a generous rounding).",
    "glossary.revived_unit.term": "Revived unit",
    "glossary.revived_unit.text": "An idle production unit (a factory or workshop that had stopped) that officials count as back in production. No report defines how long it must stay open.",
}
