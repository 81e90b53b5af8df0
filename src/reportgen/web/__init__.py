"""The web application (issue 11, local mode): pages over :mod:`reportgen.api`.

``preview`` turns a report's block document into an HTML fragment, numbered and captioned
as the Word writer numbers it; ``static/preview.css`` styles that fragment like a page.
Like :mod:`reportgen.cli`, this package chains stages only through :mod:`reportgen.api`.
"""
