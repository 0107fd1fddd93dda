"""The Reviews tab: the Vice Chair's quarterly checklists, actions and sign-off."""
