"""The window's own dialogs: signing in, accounts, settings, backups, the audit trail, crashes, one
window per user."""
