"""The outputs layer: what a user sees.

The command line, the formatters (text, JSON, GitHub, SARIF), the HTML site report and the
readability statistics. Imports the engine and the layers below.
"""
