"""The Vice Chair's quarterly reviews: checklists, actions, sign-off and the signed PDF."""
