"""The People tab: people, families, office holders and sign-in accounts."""
