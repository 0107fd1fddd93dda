"""The policy: versions, drafts, the Chair's adoption and the signed policy PDF."""
