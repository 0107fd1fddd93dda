"""Use cases. Each write: permission check, validation, one transaction, one audit entry."""
