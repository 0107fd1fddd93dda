"""The Dashboard tab: what needs doing today."""
