# "29 ноября 2026, 14:30": the genitive month ("E"), and no "г." after the
# year, as Russian-language news sites write it.
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATETIME_FORMAT = "j E, H:i"
