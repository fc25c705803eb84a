# "29 noyabr 2026, 14:30": the month in lowercase after the day number (see
# newsroom.formats for how "E" gets the lowercase names).
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATETIME_FORMAT = "j E, H:i"
