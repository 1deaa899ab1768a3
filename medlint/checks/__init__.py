"""Python checks: one rule family (or one part of a family) per module; a family too big for
one module is a package, split by stage (``claims/``, ``regulatory/``: rules, extraction,
judgement; ``terminology/``: rules, shapes, facts, KB claims) or by check (``readability/``),
with a docstring that says what lives where.

Each module declares its rules (code, name, docs) with ``medlint.model.rule.rule_doc`` and
defines a ``Check`` subclass. Data the checks read lives in ``rules/`` and is loaded via
``medlint.knowledge.resources``. Every module here and in its packages is imported by
``registry.load``, in name order.
"""
