"""The web application's pure parts: the data editor's forms, problems by field, the figures panel.

Nothing here imports a web framework: the routes (added later) call :mod:`reportgen.api` and
these modules, so the editor shows what the CLI checks, in the workbook's own words.
"""
