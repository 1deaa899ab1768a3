"""RDB: readability — the grade against a target, the sentences and paragraphs that raise it,
acronyms used before they are spelled out, and jargon that has a plain alternative.

Three checks, one module each (they share no code):

- ``grade``: RDB001 (the article's grade over its target) and the hotspots that raise it,
  RDB002 (sentences) and RDB003 (paragraphs); the target from options and front matter.
- ``acronyms``: RDB004, acronyms used before they are spelled out, or never (finding them and
  their definitions is ``medlint.text.acronyms``).
- ``plain_words``: RDB005, jargon with a plain alternative (``rules/jargon.yaml`` compiled).
"""
