"""The engine layer: running checks over files.

The registry of checks and rules, configuration and settings, the runner and its results,
suppression comments, the fixer, the result cache, file walking and git changes. Imports the
checks and every layer below them.
"""
