"""The commands of hsdesk-cli, each a thin front over the services (the parser is hsdesk.cli)."""
