"""Date formats of the editions, news-agency style (FORMAT_MODULE_PATH).

Templates and code ask for a named format, never a pattern, so each edition
writes dates its own way:

- DATETIME_FORMAT: "29 November 2026, 14:30", "29 ноября 2026, 14:30",
  "29 noyabr 2026, 14:30"; DATE_FORMAT is the same without the time.
- MONTH_DAY_FORMAT: the dateline ("Baku, 29 November").
- SHORT_DATETIME_FORMAT: the time beside a headline in lists of older news
  ("28 Nov, 14:05", "28 ноября, 14:05"), without the year.

Russian and Azerbaijani use the "E" character: the month as it stands after
a day number (the genitive in Russian, "ноября" rather than "Ноябрь").
"""

from django.utils.translation import pgettext_lazy

# Azerbaijani writes months in lowercase inside a date ("29 noyabr"), while
# Django's own catalogue capitalises the "alt. month" names that "E" uses.
# Listing them here keeps them in locale/az, which takes precedence.
MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
