"""What every feature stands on: sign-in and permissions, the audit trail, stored files,
settings, backups, signing and the integrity check."""
