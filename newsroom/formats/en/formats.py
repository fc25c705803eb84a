# "29 November 2026, 14:30": day first and a 24-hour clock, as agencies
# write it, rather than Django's American "Nov. 29, 2026, 2:30 p.m.".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATETIME_FORMAT = "j M, H:i"
