"""A seeded mutation fuzzer for every input reportgen reads (YAML, JSON, .xlsx, .docx).

``seeds`` builds the valid inputs (the examples, a workbook as ``reportgen init --xlsx
--from`` writes it, a rendered draft with comments), ``mutate`` breaks them in seeded ways,
``runner`` runs each through the public entry points in worker processes with a memory
limit and a timeout. ``tests/test_fuzz.py`` runs a CI-sized batch; ``benchmarks/fuzz.py``
runs long ones.
"""
