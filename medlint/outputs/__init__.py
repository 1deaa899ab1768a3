"""The outputs layer: what a user sees.

The command line, the formatters (text, JSON, GitHub, SARIF), the HTML site report and the
readability statistics. Imports the engine and the layers below.

The command line, the server and the report all start by importing this package, before the
checks compile their patterns and before most dataclasses are made: here ``re`` and
``dataclasses`` are set to take what they compile from the snapshot in the user's cache folder
(``model.snapshot``), which saves most of the start-up of a one-file run.
"""

from medlint.model import snapshot

snapshot.compiled_patterns()
snapshot.compiled_dataclasses()
