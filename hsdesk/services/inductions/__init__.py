"""Inductions: who has been given the policy, printed packs, acknowledgements."""
