"""One data function per page: each returns the dict that the HTML page, its `.json` twin, CLI
tables and reports all show, so none of them can drift from the others.

Everything returned is plain JSON data (str, int, bool, None, Decimal, lists, dicts). Amounts stay
Decimal; 亿元 figures are computed here, once. Page data reads the store and the services' read
functions; it never writes.
"""
