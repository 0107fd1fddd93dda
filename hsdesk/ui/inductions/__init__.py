"""The Inductions tab: who has been inducted, packs and acknowledgements."""
