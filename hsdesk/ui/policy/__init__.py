"""The Policy tab: versions, the draft editor, comparison and the Chair's adoption."""
