"""Readership: which pieces are read, counted by the read beacon, and the
"Most read" lists ranked from those counts.

The counts themselves (`ReadCount`) stay with the articles they count
(articles/models.py); this app writes and ranks them.
"""
