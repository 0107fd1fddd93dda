"""People, families, office holders and sign-in accounts."""
