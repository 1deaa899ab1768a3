"""The knowledge layer: rule data in ``rules/``, loaded and validated.

Where the data lives (a checkout's ``rules/`` or the wheel's ``medlint/rules``), the one schema
mechanism every file is read with (``schema``) and each file's declared format (``formats``),
the lexicon, and the sourced regulatory and factual knowledge base. Imports the model and text
layers.
"""
