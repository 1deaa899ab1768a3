"""Python checks: one rule family (or one part of a family) per module.

Each module declares its rules (code, name, docs) with ``registry.rule_doc`` and registers a
``Check`` subclass. Data the checks read lives in ``rules/`` and is loaded via
``medlint.resources``. Every module here is imported by ``registry.load``, in name order.
"""
